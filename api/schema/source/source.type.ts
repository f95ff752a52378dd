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
  @Field(() => String, { description: "Publisher, in Vietnamese (or the original name)." })
  publisher!: string;
  @Field(() => String, { description: "Publisher in English (the same name where it reads the same in both languages)." })
  publisherEn!: string;
  @Field(() => SourceKind, { description: "Kind of publication." })
  kind!: SourceKind;
  @Field(() => String, { nullable: true, description: "Address of the publication, where known." })
  url!: string | null;
  @Field(() => String, { nullable: true, description: "Publication date as far as known: YYYY, YYYY-MM or YYYY-MM-DD; null when unknown." })
  published!: string | null;
  @Field(() => String, { nullable: true, description: "What is known about the publication date when it is not exact, in English (the same as `publishedNoteEn`)." })
  publishedNote!: string | null;
  @Field(() => String, { nullable: true, description: "What is known about the publication date when it is not exact, in Vietnamese." })
  publishedNoteVi!: string | null;
  @Field(() => String, { nullable: true, description: "What is known about the publication date when it is not exact, in English." })
  publishedNoteEn!: string | null;
  @Field(() => String, { description: "Licence or terms of the source, in English (the same as `licenceEn`). For news pages the portal records figures as facts and copies no text." })
  licence!: string;
  @Field(() => String, { description: "Licence or terms of the source, in Vietnamese." })
  licenceVi!: string;
  @Field(() => String, { description: "Licence or terms of the source, in English." })
  licenceEn!: string;
  @Field(() => String, { nullable: true, description: "Address of the licence text." })
  licenceUrl!: string | null;
  @Field(() => String, { nullable: true, description: "Where in the source the figures are (section, table, file), in English (the same as `locatorEn`)." })
  locator!: string | null;
  @Field(() => String, { nullable: true, description: "Where in the source the figures are, in Vietnamese; words quoted from the source stay as quoted." })
  locatorVi!: string | null;
  @Field(() => String, { nullable: true, description: "Where in the source the figures are, in English; words quoted from the source stay as quoted." })
  locatorEn!: string | null;
  @Field(() => String, { nullable: true, description: "For reference lists: the date the list describes (YYYY-MM-DD)." })
  snapshotDate!: string | null;
  @Field(() => String, { nullable: true, description: "Why this source is less reliable than usual, when it is, in English (the same as `reliabilityNoteEn`)." })
  reliability!: string | null;
  @Field(() => String, { nullable: true, description: "Why this source is less reliable than usual, when it is, in Vietnamese." })
  reliabilityNoteVi!: string | null;
  @Field(() => String, { nullable: true, description: "Why this source is less reliable than usual, when it is, in English." })
  reliabilityNoteEn!: string | null;
  @Field(() => String, { nullable: true, description: "Other notes on the source, in English (the same as `noteEn`)." })
  note!: string | null;
  @Field(() => String, { nullable: true, description: "Other notes on the source, in Vietnamese." })
  noteVi!: string | null;
  @Field(() => String, { nullable: true, description: "Other notes on the source, in English." })
  noteEn!: string | null;

  static from(row: SourceRow): Source {
    return Object.assign(new Source(), {
      id: row.id, title: row.title, titleEn: row.title_en, publisher: row.publisher, publisherEn: row.publisher_en, kind: row.kind as SourceKind, url: row.url,
      published: row.published, publishedNote: row.published_note, publishedNoteVi: row.published_note_vi, publishedNoteEn: row.published_note,
      licence: row.licence, licenceVi: row.licence_vi, licenceEn: row.licence, licenceUrl: row.licence_url,
      locator: row.locator, locatorVi: row.locator_vi, locatorEn: row.locator, snapshotDate: row.snapshot_date,
      reliability: row.reliability, reliabilityNoteVi: row.reliability_note_vi, reliabilityNoteEn: row.reliability,
      note: row.note, noteVi: row.note_vi, noteEn: row.note,
    });
  }
}
