import { notYetPage } from "@/components/ui/not-yet";

export const metadata = { title: "Jobs" };

export default notYetPage("Jobs", "Every change to a cluster runs as a job; follow them live here.", 7);
