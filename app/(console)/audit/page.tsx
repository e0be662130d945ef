import { notYetPage } from "@/components/ui/not-yet";

export const metadata = { title: "Audit log" };

export default notYetPage("Audit log", "Who did what, to which object, with which job and result.", 6);
