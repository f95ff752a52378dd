import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { AreaLinkRow } from "../../db/database.js";
import { DateScalar } from "../common/scalars.js";
import { Source } from "../source/source.type.js";
import { Area } from "./area.type.js";

export enum AreaChangeKind {
  TYPE_CHANGE = "TYPE_CHANGE",
  RENAME = "RENAME",
  MERGE = "MERGE",
  SPLIT = "SPLIT",
  CONTINUATION = "CONTINUATION",
  PROVINCE_MERGER = "PROVINCE_MERGER",
}
registerEnumType(AreaChangeKind, {
  name: "AreaChangeKind",
  description: "How one version of an administrative unit led to another.",
  valuesConfig: {
    TYPE_CHANGE: { description: "Same GSO code, new unit type (e.g. xã → phường, thị xã → thành phố); the name may change too." },
    RENAME: { description: "Same GSO code and type, new name." },
    MERGE: { description: "The whole predecessor went into the successor, together with other units (the successor may keep one of their codes)." },
    SPLIT: { description: "The predecessor was divided: part of it went into this successor, the rest into others (`partial` is true)." },
    CONTINUATION: { description: "The whole predecessor, and nothing else, became the successor: same territory, a new version because its parent changed (the district level was abolished on 2025-07-01)." },
    PROVINCE_MERGER: { description: "Provinces merged: Thái Nguyên (19) and Bắc Kạn (06) became the new province 19 on 2025-07-01." },
  },
});

@ObjectType({
  description:
    "A link between two versions of administrative units: a change of type, a rename, a merger, a split. " +
    "Sources: the resolutions for 2022-04-10 and 2025-07-01, the unit lists for changes read off them, and the dvhcvn/20250701 crosswalk (derived data) for the 2025 communes.",
})
export class AreaChange {
  @Field(() => DateScalar, { description: "Effective date: the successor's first day. When the exact date is not known, the date of the first unit list that shows the change (then `dateNote` says so)." })
  date!: string;
  @Field(() => String, { nullable: true, description: "Null when `date` is exact; otherwise what is known of the date (e.g. between 2022-10-01 and 2025-03-01)." })
  dateNote!: string | null;
  @Field(() => String, { nullable: true, description: "What is known of the date when it is not exact, in Vietnamese; null when `date` is exact." })
  dateNoteVi!: string | null;
  @Field(() => String, { nullable: true, description: "What is known of the date when it is not exact, in English (the same as `dateNote`); null when `date` is exact." })
  dateNoteEn!: string | null;
  @Field(() => AreaChangeKind, { description: "What happened." })
  kind!: AreaChangeKind;
  @Field(() => Boolean, { description: "True when only part of the predecessor went into the successor (a split)." })
  partial!: boolean;
  @Field(() => Area, { description: "The unit at the other end: the predecessor in `formedFrom`, the successor in `wentInto`." })
  area!: Area;
  @Field(() => Area, { description: "The version before the change." })
  predecessor!: Area;
  @Field(() => Area, { description: "The version after the change." })
  successor!: Area;
  @Field(() => Source, { description: "What the link rests on (a resolution, a unit list, the crosswalk)." })
  source!: Source;
  @Field(() => String, { nullable: true, description: "What is known of the change and how: stated by a source, read off the unit lists, or inferred (then it says so)." })
  note!: string | null;
  @Field(() => String, { nullable: true, description: "What is known of the change and how, in Vietnamese." })
  noteVi!: string | null;
  @Field(() => String, { nullable: true, description: "What is known of the change and how, in English (the same as `note`)." })
  noteEn!: string | null;

  static from(link: AreaLinkRow, ends: { predecessor: Area; successor: Area; source: Source }, side: "predecessor" | "successor"): AreaChange {
    return Object.assign(new AreaChange(), {
      date: link.date, dateNote: link.date_note, dateNoteVi: link.date_note_vi, dateNoteEn: link.date_note, kind: link.kind as AreaChangeKind, partial: link.partial === 1,
      note: link.note, noteVi: link.note_vi, noteEn: link.note,
      ...ends, area: ends[side],
    });
  }
}
