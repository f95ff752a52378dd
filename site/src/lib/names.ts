/** Area names on the site: English names with their Vietnamese letters (api/lib/names.ts). */
import { englishAreaName } from "../../../api/lib/names";

export { englishAreaName };

/** Every area object of an API answer (fullName + fullNameEn, name + nameEn) with englishAreaName applied, in place. */
export function restoreAreaNames<T>(data: T): T {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (typeof record.fullName === "string" && typeof record.fullNameEn === "string") {
      record.fullNameEn = englishAreaName(record.fullNameEn, record.fullName);
      if (typeof record.name === "string" && typeof record.nameEn === "string") record.nameEn = englishAreaName(record.nameEn, record.name);
    }
    Object.values(record).forEach(visit);
  };
  visit(data);
  return data;
}
