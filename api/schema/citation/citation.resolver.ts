/**
 * Citation fields: Indicator.citation and Indicator.permalink, Observation.fact and
 * Observation.permalink. Kept in their own resolver classes (type-graphql merges field
 * resolvers of several classes into one type), reading only through the DataLoaders.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Lang } from "../../lib/format.js";
import { Language } from "../common/enums.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Observation } from "../observation/observation.type.js";
import { CitationFormat } from "./citation.enums.js";
import { citationBibtex, citationCslJson, citationText, type CitationInput } from "./citation.js";
import { factSentence } from "./fact.js";
import { indicatorPermalink, observationPermalink } from "./links.js";

const toLang = (language: Language): Lang => (language === Language.EN ? "en" : "vi");

const LANG_ARG = { defaultValue: Language.VI, description: "Language of the text and of the permalink (VI: /chi-so/…, EN: /en/indicators/…)." };

@Resolver(() => Indicator)
export class IndicatorCitationResolver {
  @FieldResolver(() => String, {
    description:
      "How to cite this indicator as a dataset: names the portal, the indicator, the data version (Query.about.dataVersion), the access date (the data's build date), " +
      "the original sources (title, publisher) and the permalink of its page (PORTAL_SITE_URL + /chi-so/<id>/ or /en/indicators/<id>/). " +
      "TEXT: one plain-text reference; BIBTEX: one @misc entry; CSL_JSON: a JSON array with one CSL item of type dataset.",
  })
  async citation(
    @Root() indicator: Indicator,
    @Arg("format", () => CitationFormat, { defaultValue: CitationFormat.TEXT, description: "Citation format." }) format: CitationFormat,
    @Arg("lang", () => Language, LANG_ARG) language: Language,
    @Ctx() { loaders, meta }: Context,
  ): Promise<string> {
    const lang = toLang(language);
    const sourceIds = await loaders.sourceIdsByIndicator.load(indicator.id);
    const sources = (await loaders.source.loadMany(sourceIds)).filter((s) => s && !(s instanceof Error)) as NonNullable<Awaited<ReturnType<Context["loaders"]["source"]["load"]>>>[];
    const input: CitationInput = {
      indicatorId: indicator.id,
      name: lang === "vi" ? indicator.name : indicator.nameEn,
      description: lang === "vi" ? indicator.description : indicator.descriptionEn,
      dataVersion: meta.dataVersion,
      builtAt: meta.builtAt,
      permalink: indicatorPermalink(indicator.id, lang),
      sources: sources.map((s) => ({ title: s.title, titleEn: s.title_en, publisher: lang === "vi" ? s.publisher : s.publisher_en, published: s.published, url: s.url })),
    };
    if (format === CitationFormat.BIBTEX) return citationBibtex(input, lang);
    if (format === CitationFormat.CSL_JSON) return citationCslJson(input, lang);
    return citationText(input, lang);
  }

  @FieldResolver(() => String, { description: "Absolute URL of the indicator's page on the site: PORTAL_SITE_URL + /chi-so/<id>/ (VI) or /en/indicators/<id>/ (EN)." })
  permalink(@Root() indicator: Indicator, @Arg("lang", () => Language, LANG_ARG) language: Language): string {
    return indicatorPermalink(indicator.id, toLang(language));
  }
}

@Resolver(() => Observation)
export class ObservationCitationResolver {
  @FieldResolver(() => String, {
    description:
      "A ready sentence to quote: the value formatted for the language (vi: 2.255; 79,6%; 357 nghìn tỷ đồng — en: 2,255; 79.6%; VND 357 trillion) " +
      "with the area's full name, the period label, the status where the value is not plainly reported (ước tính/estimated, xấp xỉ/approximately, tính từ…/computed from…), " +
      "and the source (title, publisher). E.g. “Tỉnh Thái Nguyên có 107 chợ 4.0 (2023; nguồn: …).”",
  })
  async fact(@Root() o: Observation, @Arg("lang", () => Language, { defaultValue: Language.VI, description: "Language of the sentence and of its numbers." }) language: Language, @Ctx() { loaders }: Context): Promise<string> {
    const indicator = (await loaders.indicator.load(o.indicatorId))!;
    const [unit, area, source, breakdown, numerator, denominator] = await Promise.all([
      loaders.unit.load(indicator.unit_id),
      loaders.areaAt.load({ code: o.areaCode, date: o.period.end }),
      loaders.source.load(o.sourceId),
      o.breakdownId ? loaders.breakdown.load(o.breakdownId) : null,
      indicator.numerator_id ? loaders.indicator.load(indicator.numerator_id) : null,
      indicator.denominator_id ? loaders.indicator.load(indicator.denominator_id) : null,
    ]);
    const computed = o.status === "COMPUTED" || o.status === "COMPUTED_FROM_ESTIMATE";
    return factSentence(
      {
        value: o.value,
        status: o.status,
        indicator: { name: indicator.name, nameEn: indicator.name_en },
        unit: { kind: unit!.kind, symbol: unit!.symbol, nameEn: unit!.name_en },
        area: area ? { fullName: area.full_name, fullNameEn: area.full_name_en } : null,
        areaCode: o.areaCode,
        periodLabel: o.period.label,
        breakdown: breakdown ? { name: breakdown.name, nameEn: breakdown.name_en } : null,
        source: { title: source!.title, publisher: language === Language.EN ? source!.publisher_en : source!.publisher },
        computedFrom:
          computed && numerator && denominator
            ? { numerator: { name: numerator.name, nameEn: numerator.name_en }, denominator: { name: denominator.name, nameEn: denominator.name_en } }
            : null,
      },
      toLang(language),
    );
  }

  @FieldResolver(() => String, { description: "Absolute URL of this value: its indicator's page with the anchor #obs-<id> (PORTAL_SITE_URL + /chi-so/<indicator>/#obs-<id>, or /en/indicators/… in English)." })
  permalink(@Root() o: Observation, @Arg("lang", () => Language, LANG_ARG) language: Language): string {
    return observationPermalink(o.indicatorId, o.id, toLang(language));
  }
}
