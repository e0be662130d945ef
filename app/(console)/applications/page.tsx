import { notYetPage } from "@/components/ui/not-yet";

export const metadata = { title: "Applications" };

export default notYetPage("Applications", "Request a virtual machine and follow your request; approvers review requests here.", 9);
