// The page of a list as it travels in a query string (?page=&pageSize=), and the shape of a page of results.
import { z } from "zod";

export const pageFields = (defaultSize = 50, maxSize = 500) => ({
  page: z.coerce.number({ message: "Page: a whole number from 1." }).int("Page: a whole number from 1.").min(1, "Page: a whole number from 1.").default(1),
  pageSize: z.coerce
    .number({ message: `Page size: 1 to ${maxSize}.` })
    .int(`Page size: 1 to ${maxSize}.`)
    .min(1, `Page size: 1 to ${maxSize}.`)
    .max(maxSize, `Page size: 1 to ${maxSize}.`)
    .default(defaultSize),
});

export type Paged<T> = { total: number; page: number; pageSize: number; items: T[] };

/** skip and take for a page. */
export const pageWindow = ({ page, pageSize }: { page: number; pageSize: number }) => ({ skip: (page - 1) * pageSize, take: pageSize });
