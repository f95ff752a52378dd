import { Field, ID, ObjectType } from "type-graphql";
import type { SourceRow } from "../../db/database.js";
import { SourceKind } from "../common/enums.js";

@ObjectType({ description: "Where values come from: a publication with its publisher, address, date, licence and the place in it (locator)." })
export class Source {
  @Field(() => ID, { description: "Stable id, e.g. `thi-dua-2023`." })
  id!: string;
  @Field(() => String, { description: "Title in the original language." })
  title!: string;
  @Field(() => String, { nullable: true, description: "Title in English (our translation)." })
  titleEn!: string | null;
  @Field(() => String, { description: "Publisher." })
  publisher!: string;
  @Field(() => SourceKind, { description: "Kind of publication." })
  kind!: SourceKind;
  @Field(() => String, { nullable: true, description: "Address of the publication, where known." })
  url!: string | null;
  @Field(() => String, { nullable: true, description: "Publication date as far as known: YYYY, YYYY-MM or YYYY-MM-DD; null when unknown." })
  published!: string | null;
  @Field(() => String, { nullable: true, description: "What is known about the publication date when it is not exact." })
  publishedNote!: string | null;
  @Field(() => String, { description: "Licence or terms of the source. For news pages the portal records figures as facts and copies no text." })
  licence!: string;
  @Field(() => String, { nullable: true, description: "Address of the licence text." })
  licenceUrl!: string | null;
  @Field(() => String, { nullable: true, description: "Where in the source the figures are (section, table, file)." })
  locator!: string | null;
  @Field(() => String, { nullable: true, description: "For reference lists: the date the list describes (YYYY-MM-DD)." })
  snapshotDate!: string | null;
  @Field(() => String, { nullable: true, description: "Why this source is less reliable than usual, when it is." })
  reliability!: string | null;
  @Field(() => String, { nullable: true, description: "Other notes on the source." })
  note!: string | null;

  static from(row: SourceRow): Source {
    return Object.assign(new Source(), {
      id: row.id, title: row.title, titleEn: row.title_en, publisher: row.publisher, kind: row.kind as SourceKind, url: row.url,
      published: row.published, publishedNote: row.published_note, licence: row.licence, licenceUrl: row.licence_url,
      locator: row.locator, snapshotDate: row.snapshot_date, reliability: row.reliability, note: row.note,
    });
  }
}
