import { notYetPage } from "@/components/ui/not-yet";

export const metadata = { title: "Nodes" };

export default notYetPage("Nodes", "The nodes of each cluster with their roles, capacity and instances.", 7);
