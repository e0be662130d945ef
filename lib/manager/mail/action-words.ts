// A job's action (its audit name) as the owner of the VM reads it in an e-mail: "shut down", not "instance.shutdown".
const WORDS: Record<string, string> = {
  "instance.startup": "start",
  "instance.shutdown": "shut down",
  "instance.reboot": "reboot",
  "instance.modify": "change the settings",
  "instance.grow_disk": "grow a disk",
  "instance.migrate": "migrate",
  "instance.failover": "fail over",
  "instance.replace_disks": "replace the disks",
  "instance.reinstall": "reinstall the operating system",
  "instance.rename": "rename",
  "instance.remove": "delete",
  "instance.add_tags": "add tags",
  "instance.remove_tags": "remove tags",
  "instance.owner_tag": "record the owner in the cluster's tags",
  "cluster.rebalance_move": "move (rebalancing the cluster)",
};

export const actionWords = (action: string): string => WORDS[action] ?? action.replace(/^instance\./, "").replace(/_/g, " ");
