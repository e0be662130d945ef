import { notYetPage } from "@/components/ui/not-yet";

export const metadata = { title: "Virtual machines" };

export default notYetPage("Virtual machines", "Every virtual machine you may see, with search, filters, live status and actions.", 7);
