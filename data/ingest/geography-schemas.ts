/**
 * zod schemas of the reviewed geography files: data/geography/changes.yaml (known changes of the
 * units) and data/geography/counts.yaml (expected counts per province and date).
 */
import { z } from "zod";
import { nfc } from "../../api/lib/text.js";
import { areaCode, isoDate, unitListRowSchema } from "./schemas.js";

const text = z.string().trim().min(1).transform(nfc);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "an id is lower-case letters, digits and single hyphens");

/**
 * A unit's state before a change that no unit list shows. A unit that ended before the first
 * unit list is in no list at all: its `before` also gives `level` and `parent_code`.
 */
const beforeSchema = z.strictObject({
  level: unitListRowSchema.shape.level.optional(),
  unit_type: unitListRowSchema.shape.unit_type,
  name: text,
  full_name: text,
  name_en: text,
  full_name_en: text,
  parent_code: areaCode.optional(),
});

const unitChangeSchema = z
  .strictObject({
    code: areaCode,
    change: z.enum(["TYPE_CHANGE", "RENAME", "MERGED", "SPLIT", "ENDED", "PROVINCE_MERGER"]),
    into: areaCode.optional(),
    /** SPLIT: the units that each received a part. */
    parts: z.array(areaCode).min(2).optional(),
    before: beforeSchema.optional(),
    /** This unit's own note (Vietnamese, English), instead of the change's. */
    note: text.optional(),
    noteEn: text.optional(),
  })
  .refine((u) => (u.note === undefined) === (u.noteEn === undefined), { message: "give note (Vietnamese) and noteEn (English) together, or neither", path: ["noteEn"] })
  .refine((u) => (u.change === "MERGED" || u.change === "PROVINCE_MERGER") === (u.into !== undefined), {
    message: "`into` is required for MERGED and PROVINCE_MERGER, and only for them",
    path: ["into"],
  })
  .refine((u) => (u.change === "SPLIT") === (u.parts !== undefined), {
    message: "`parts` (the units that received a part, at least two) is required for SPLIT, and only for it",
    path: ["parts"],
  });

export const changeSchema = z
  .strictObject({
    id,
    date: isoDate.optional(),
    between: z.tuple([isoDate, isoDate]).optional(),
    /** With `between` whose end is not a unit list's date: what is known of the date and how (replaces the generated text). */
    dateNote: text.optional(),
    dateNoteEn: text.optional(),
    source: id,
    /** What is known of the change and how, in Vietnamese; noteEn in English. */
    note: text,
    noteEn: text,
    units: z.array(unitChangeSchema).min(1).optional(),
    abolishLevel: z.enum(["district"]).optional(),
    crosswalk: z.strictObject({ file: z.string().regex(/^[\w.-]+\.csv$/, "a CSV file name in data/geography"), source: id }).optional(),
  })
  .refine((c) => (c.dateNote === undefined) === (c.dateNoteEn === undefined), { message: "give dateNote (Vietnamese) and dateNoteEn (English) together, or neither", path: ["dateNoteEn"] })
  .refine((c) => (c.date === undefined) !== (c.between === undefined), { message: "give either `date` (exact) or `between` (not exactly known), not both", path: ["date"] })
  .refine((c) => !c.between || c.between[0] < c.between[1], { message: "`between` must be [earlier, later]", path: ["between"] })
  .refine((c) => [c.units, c.abolishLevel, c.crosswalk].filter((x) => x !== undefined).length === 1, {
    message: "a change has exactly one of `units`, `abolishLevel` or `crosswalk`",
    path: ["units"],
  });

const typeCounts = z.strictObject({
  xa: z.number().int().min(0).optional(),
  phuong: z.number().int().min(0).optional(),
  thi_tran: z.number().int().min(0).optional(),
  huyen: z.number().int().min(0).optional(),
  thi_xa: z.number().int().min(0).optional(),
  thanh_pho_thuoc_tinh: z.number().int().min(0).optional(),
});

export const expectedCountSchema = z.strictObject({
  date: isoDate,
  province: areaCode,
  basis: text,
  districtLevel: z.number().int().min(0),
  districtTypes: typeCounts.optional(),
  communeLevel: z.number().int().min(0),
  communeTypes: typeCounts.optional(),
});

export type Change = z.infer<typeof changeSchema>;
export type UnitChange = z.infer<typeof unitChangeSchema>;
export type ExpectedCount = z.infer<typeof expectedCountSchema>;
