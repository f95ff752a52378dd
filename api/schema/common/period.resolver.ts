import { Arg, FieldResolver, Resolver, Root } from "type-graphql";
import { formatPeriod } from "../../lib/format.js";
import { Language } from "./enums.js";
import { Period } from "./period.type.js";

@Resolver(() => Period)
export class PeriodResolver {
  @FieldResolver(() => String, {
    description:
      "The period as the portal writes it, as sure as the source makes it: the label when the source states the period (vi “cuối 2023”, en “end of 2023”); " +
      "“công bố năm 2023, không nêu kỳ số liệu” / “published 2023, period not stated” for a value recorded as of its publication year; " +
      "“khoảng cuối 2023” / “about end of 2023” for a period bracketed from the context. Quote this, not start and end, for such values.",
  })
  text(@Root() period: Period, @Arg("lang", () => Language, { defaultValue: Language.VI, description: "Language of the text." }) language: Language): string {
    return formatPeriod(period, language === Language.EN ? "en" : "vi");
  }
}
