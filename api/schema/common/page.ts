/**
 * Cursor pagination (Relay connection style) shared by every list: `first` (1–1000,
 * default 100) and `after` (an opaque cursor from `pageInfo.endCursor` or an edge).
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { Page } from "../../db/queries.js";
import { badUserInput } from "./errors.js";

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (from `pageInfo.endCursor` of the previous page)." })
  after?: string | null;
}

/** The paged lists; a cursor names its list so that it cannot be used in another one. */
export type PagedList = "indicators" | "observations" | "areas";

/** Encode a keyset position in a list as an opaque cursor. */
export function encodeCursor(list: PagedList, position: number): string {
  return Buffer.from(`${list}:${position}`).toString("base64url");
}

/**
 * Validate page arguments; with `list`, the cursor must come from that list.
 * @throws BAD_USER_INPUT for `first` outside 1..1000 or a cursor this API did not issue for the list.
 */
export function toPage(args: PageArgs, list?: PagedList): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first}); page through larger results with "after".`, "first");
  }
  let after: number | null = null;
  if (args.after != null) {
    const match = /^(indicators|observations|areas):(\d{1,15})$/.exec(Buffer.from(args.after, "base64url").toString());
    if (!match) throw badUserInput(`"after" is not a cursor of this API: pass pageInfo.endCursor or an edge's cursor unchanged.`, "after");
    if (list && match[1] !== list) throw badUserInput(`"after" is a cursor of the ${match[1]} list, not of ${list}: pass a cursor from the same list.`, "after");
    after = Number(match[2]);
  }
  return { limit: first, after };
}

@ObjectType({ description: "Where a page stands in the whole list." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow this page." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page; pass it as `after` for the next page. Null on an empty page." })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Build a connection from page rows (fetched with one extra row); `position` gives each row's keyset position. */
export function toConnection<R, T>(list: PagedList, rows: R[], totalCount: number, page: Page, position: (row: R) => number, map: (row: R) => T): ConnectionShape<T> {
  const pageRows = rows.slice(0, page.limit);
  const nodes = pageRows.map(map);
  const last = pageRows.at(-1);
  let edges: { cursor: string; node: T }[] | undefined;
  return {
    totalCount,
    nodes,
    // Cursors of every item only when `edges` is asked for (most pages ask for `nodes`).
    get edges() {
      return (edges ??= pageRows.map((row, i) => ({ cursor: encodeCursor(list, position(row)), node: nodes[i] })));
    },
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: last === undefined ? null : encodeCursor(list, position(last)) },
  };
}

/** Connection and edge types for an item type (`IndicatorConnection`, `IndicatorEdge`, ...). */
export function Connection<T extends object>(Item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this item; pass it as `after` to continue after it." })
    cursor!: string;
    @Field(() => Item, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (cursor pagination).` })
  class ConnectionType {
    @Field(() => Int, { description: `Number of ${what}s matching the filters, over all pages.` })
    totalCount!: number;
    @Field(() => [Item], { description: `The ${what}s of this page.` })
    nodes!: T[];
    @Field(() => [Edge], { description: `The ${what}s of this page with their cursors.` })
    edges!: Edge[];
    @Field(() => PageInfo, { description: "Whether more pages follow, and the cursor to fetch the next one." })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
