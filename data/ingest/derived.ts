/**
 * Tables the API reads for maps, rankings and headline values, derived once by the ingest
 * from the observations (the database is immutable, so nothing is computed per request):
 *
 * - area_values: for every indicator, period and area, the one value a map or a ranking
 *   shows (the most reliable source of that period), with its rank among the areas of the same
 *   level in the province and among its siblings, the number ranked, its share of the parent
 *   (additive indicators), how many sources gave a value and whether they disagree; the areas
 *   of the level that have no value for that period are rows too (status MISSING), so a map
 *   reads one indexed range. Harmonised values (series carried to the units of a later date)
 *   are rows of their own, marked with that date.
 * - headline_observations: the one headline value per indicator and area (latest period; among
 *   values of that period the most reliable source, then reported before computed before
 *   estimates, then the shorter period).
 * - indicator_coverage: which levels and periods an indicator covers, with how many areas.
 *
 * Ranks: largest value first (rank 1), ties share a rank (1, 2, 2, 4), counted among the areas
 * with a value. Everything is SQL (window functions), so it scales with the observations.
 */
import type { SqliteConnection } from "../../api/db/sqlite.js";
import { englishAreaName } from "../../api/lib/names.js";

/** The order sources are preferred in, as sources.yaml rates them. */
export const RELIABILITY_ORDER = ["official", "primary", "secondary", "weak"] as const;
/** The order statuses are preferred in, among values of the same period and reliability. */
export const STATUS_ORDER = ["REPORTED", "COMPUTED", "ESTIMATE", "APPROXIMATE", "COMPUTED_FROM_ESTIMATE"] as const;

const rank = (column: string, order: readonly string[]) =>
  `case ${column} ${order.map((value, i) => `when '${value}' then ${i}`).join(" ")} else ${order.length} end`;
const RELIABILITY_RANK = rank("s.reliability_level", RELIABILITY_ORDER);
const STATUS_RANK = rank("o.status", STATUS_ORDER);

interface AreaVersion {
  id: string;
  code: string;
  level: string;
  parent_code: string | null;
}

export async function buildDerivedTables(db: SqliteConnection): Promise<{ areaValues: number; headlines: number; coverage: number }> {
  // The province every area version belongs to (a commune's district's province, or its province after 2025-07-01).
  const versions = await db.all<AreaVersion>("select id, code, level, parent_code from areas");
  const byCode = new Map<string, AreaVersion[]>();
  for (const v of versions) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
  const provinceOf = (v: AreaVersion, depth = 0): string | null => {
    if (v.level === "PROVINCE") return v.code;
    const parent = v.parent_code ? byCode.get(v.parent_code)?.[0] : undefined;
    return parent && depth < 4 ? provinceOf(parent, depth + 1) : null;
  };
  await db.exec("create temp table area_province (area_id text primary key, province_code text)");
  const insertProvince = await db.prepare("insert into area_province values (?, ?)");
  for (const v of versions) await insertProvince.run([v.id, provinceOf(v)]);
  await insertProvince.finalize();

  // One value per indicator, area and period: the most reliable source's.
  await db.exec(`
    create temp table picked as
    select * from (
      select o.id as observation_id, o.indicator_id, o.area_code, o.period_start, o.period_end, o.period_label, o.period_basis,
        o.value, o.status, o.source_id, ${RELIABILITY_RANK} as reliability_rank, ${STATUS_RANK} as status_rank,
        count(*) over period_group as source_count,
        row_number() over (period_group order by ${RELIABILITY_RANK}, ${STATUS_RANK}, o.source_id, o.id) as pick
      from observations o join sources s on s.id = o.source_id
      where o.breakdown_id is null
      window period_group as (partition by o.indicator_id, o.area_code, o.period_start, o.period_end)
    ) where pick = 1;
  `);

  // Staged rows: observed values on the version of their unit valid at the period's end (else
  // the nearest version, as Observation.area does), harmonised ones on their target version.
  await db.exec(`
    -- Once per code and date (not per observation): thousands of pairs for a million values.
    create temp table area_at as
    select d.area_code, d.period_end, (
      select x.id from areas x where x.code = d.area_code
      order by case when x.valid_from <= d.period_end and (x.valid_to is null or x.valid_to >= d.period_end) then 0
                    when x.valid_from > d.period_end then 1 else 2 end,
               case when x.valid_from > d.period_end then x.valid_from end, x.valid_from desc
      limit 1) as area_id
    from (select distinct area_code, period_end from picked) d;
    create unique index area_at_key on area_at(area_code, period_end);

    create temp table staged as
    select p.indicator_id, p.period_start, p.period_end, p.period_label, p.period_basis, a.level, ap.province_code, a.parent_code,
      a.id as area_id, a.code as area_code, p.observation_id, null as harmonised_key, null as harmonised_to,
      p.value, p.status, p.source_id, p.source_count,
      -- Distinct values only where several sources give one (rare), through the observations' index.
      case when p.source_count = 1 then 1 else (select count(distinct x.value) from observations x where x.indicator_id = p.indicator_id
        and x.area_code = p.area_code and x.period_end = p.period_end and x.period_start = p.period_start and x.breakdown_id is null) end as distinct_values
    from picked p
    join area_at aa on aa.area_code = p.area_code and aa.period_end = p.period_end
    join areas a on a.id = aa.area_id
    join area_province ap on ap.area_id = a.id;

    insert into staged
    select h.indicator_id, h.period_start, h.period_end, h.period_label, h.period_basis, a.level, ap.province_code, a.parent_code,
      a.id, a.code, null, h.key, h.vintage, h.value, h.status, h.source_id, h.source_count,
      (select count(distinct x.value) from harmonised_observations x where x.indicator_id = h.indicator_id and x.area_id = h.area_id
        and x.period_start = h.period_start and x.period_end = h.period_end and x.vintage = h.vintage)
    from (
      -- Per source, like the observations: a value before a refusal, then the most reliable source.
      select h.*, count(*) over harmonised_group as source_count,
        row_number() over (harmonised_group order by h.value is null, ${RELIABILITY_RANK}, h.source_id) as pick
      from harmonised_observations h join sources s on s.id = h.source_id
      window harmonised_group as (partition by h.indicator_id, h.area_id, h.period_start, h.period_end, h.vintage)
    ) h join areas a on a.id = h.area_id join area_province ap on ap.area_id = a.id
    where h.pick = 1;
  `);

  // Lookups by area and period below (missing areas, the parent's value) need this index.
  await db.exec("create index staged_area_period on staged(indicator_id, area_code, period_start, period_end)");

  // The areas of the level (below the province) that have no value for a period are rows too:
  // the units valid on the period's end (on the target date for harmonised values).
  await db.exec(`
    insert into staged
    select g.indicator_id, g.period_start, g.period_end, g.period_label, g.period_basis, a.level, g.province_code, a.parent_code,
      a.id, a.code, null, null, g.harmonised_to, null, 'MISSING', null, 0, 0
    from (select indicator_id, period_start, period_end, max(period_label) as period_label, max(period_basis) as period_basis,
            level, province_code, harmonised_to, coalesce(harmonised_to, period_end) as on_date
          from staged where level <> 'PROVINCE' and province_code is not null
          group by indicator_id, period_start, period_end, level, province_code, harmonised_to) g
    join areas a on a.level = g.level and a.valid_from <= g.on_date and (a.valid_to is null or a.valid_to >= g.on_date)
    join area_province ap on ap.area_id = a.id and ap.province_code = g.province_code
    where not exists (select 1 from staged s where s.indicator_id = g.indicator_id and s.period_start = g.period_start
      and s.period_end = g.period_end and s.area_code = a.code and s.harmonised_to is g.harmonised_to);
  `);

  await db.exec(`
    insert into area_values (indicator_id, period_start, period_end, period_label, period_basis, level, province_code, parent_code,
      area_id, area_code, observation_id, harmonised_key, harmonised_to, value, status, source_id, source_count, distinct_values,
      rank, rank_of, parent_rank, parent_rank_of, parent_value, share_of_parent, is_latest)
    select s.indicator_id, s.period_start, s.period_end, s.period_label, s.period_basis, s.level, s.province_code, s.parent_code,
      s.area_id, s.area_code, s.observation_id, s.harmonised_key, s.harmonised_to, s.value, s.status, s.source_id, s.source_count, s.distinct_values,
      case when s.value is null then null else rank() over level_group end,
      case when s.value is null then null else count(s.value) over (partition by s.indicator_id, s.level, s.province_code, s.harmonised_to, s.period_start, s.period_end) end,
      case when s.value is null or s.parent_code is null then null else rank() over parent_group end,
      case when s.value is null or s.parent_code is null then null else count(s.value) over (partition by s.indicator_id, s.level, s.parent_code, s.harmonised_to, s.period_start, s.period_end) end,
      parent.value,
      case when i.aggregate = 'sum' and parent.value > 0 and s.value is not null then s.value / parent.value * 100 end,
      case when s.value is not null and row_number() over (partition by s.indicator_id, s.area_code, s.harmonised_to, s.value is null
        order by s.period_end desc, s.period_start desc) = 1 then 1 else 0 end
    from staged s
    join indicators i on i.id = s.indicator_id
    left join staged parent on parent.indicator_id = s.indicator_id and parent.area_code = s.parent_code
      and parent.period_start = s.period_start and parent.period_end = s.period_end and parent.harmonised_to is s.harmonised_to
      and parent.value is not null
    window level_group as (partition by s.indicator_id, s.level, s.province_code, s.harmonised_to, s.period_start, s.period_end order by s.value desc),
      parent_group as (partition by s.indicator_id, s.level, s.parent_code, s.harmonised_to, s.period_start, s.period_end order by s.value desc);
  `);

  // The headline per indicator and area: the latest period end, then reliability, status, the shorter period.
  await db.exec(`
    insert into headline_observations (indicator_id, area_code, observation_id, period_end, sources_for_period, distinct_values_for_period)
    select indicator_id, area_code, observation_id, period_end,
      (select count(*) from observations x where x.indicator_id = p.indicator_id and x.area_code = p.area_code and x.period_end = p.period_end and x.breakdown_id is null),
      (select count(distinct value) from observations x where x.indicator_id = p.indicator_id and x.area_code = p.area_code and x.period_end = p.period_end and x.breakdown_id is null)
    from (select *, row_number() over (partition by indicator_id, area_code order by period_end desc, reliability_rank, status_rank, period_start desc, source_id, observation_id) as n from picked) p
    where n = 1;

    insert into indicator_coverage (indicator_id, level, province_code, harmonised_to, period_start, period_end, period_label, period_basis, areas_with_value, areas_of_level)
    select indicator_id, level, province_code, harmonised_to, period_start, period_end, max(period_label), max(period_basis), count(value), count(*)
    from area_values where province_code is not null
    group by indicator_id, level, province_code, harmonised_to, period_start, period_end;

  `);

  // English month names for the flags' dates (1 April 2019), as the other notes write them.
  const ENGLISH_MONTH = `case substr(u.period_end, 6, 2) ${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    .map((m, i) => `when '${String(i + 1).padStart(2, "0")}' then '${m}'`).join(" ")} end`;
  // Counts of units checked against the unit lists: on the period's end, the units of the level
  // (and types) inside the area; a share computed over a flagged count is flagged too.
  await db.exec(`
    create temp table unit_counts as
    select o.id as observation_id, o.value, o.period_end, o.area_code, i.count_of_level, i.count_of_unit_types, (
      select count(*) from areas a join area_province ap on ap.area_id = a.id
      where a.level = i.count_of_level and (i.count_of_unit_types is null or instr(',' || i.count_of_unit_types || ',', ',' || a.unit_type || ',') > 0)
        and a.valid_from <= o.period_end and (a.valid_to is null or a.valid_to >= o.period_end)
        and (a.parent_code = o.area_code or (ap.province_code = o.area_code and o.area_code in (select code from areas where level = 'PROVINCE')))
    ) as expected
    from observations o join indicators i on i.id = o.indicator_id
    where i.count_of_level is not null and o.breakdown_id is null;

    insert into observation_flags (observation_id, kind, expected, on_date, note, note_vi)
    select u.observation_id, 'UNIT_COUNT', u.expected, u.period_end,
      'The portal''s unit lists give ' || u.expected || ' ' || case when u.count_of_unit_types = 'XA' then 'communes (xã)' when u.count_of_level = 'DISTRICT' then 'district-level units' else 'units' end
        || ' in ' || a.full_name_en || ' on ' || cast(substr(u.period_end, 9, 2) as integer) || ' ' || ${ENGLISH_MONTH} || ' ' || substr(u.period_end, 1, 4)
        || ', not ' || cast(u.value as integer) || ': the source may count the units of an earlier date.',
      'Danh mục đơn vị hành chính của cổng dữ liệu cho thấy ' || lower(substr(a.full_name, 1, 1)) || substr(a.full_name, 2) || ' có ' || u.expected || ' ' || case when u.count_of_unit_types = 'XA' then 'xã' when u.count_of_level = 'DISTRICT' then 'đơn vị cấp huyện' else 'đơn vị' end
        || ' vào ngày ' || substr(u.period_end, 9, 2) || '/' || substr(u.period_end, 6, 2) || '/' || substr(u.period_end, 1, 4)
        || ', không phải ' || cast(u.value as integer) || ': nguồn có thể tính theo số đơn vị của thời điểm trước đó.'
    from unit_counts u join areas a on a.id = (select x.id from areas x where x.code = u.area_code order by x.valid_from desc limit 1)
    where u.expected > 0 and u.expected <> u.value;

    insert into observation_flags (observation_id, kind, expected, on_date, note, note_vi)
    select s.id, f.kind, f.expected, f.on_date,
      'Computed over ' || cast(d.value as integer) || ', a count the unit lists do not confirm: ' || lower(substr(f.note, 1, 1)) || substr(f.note, 2),
      'Tính trên mẫu số ' || cast(d.value as integer) || ', con số mà danh mục đơn vị hành chính không xác nhận: ' || lower(substr(f.note_vi, 1, 1)) || substr(f.note_vi, 2)
    from observation_flags f join observations d on d.id = f.observation_id
    join indicators i on i.denominator_id = d.indicator_id
    join observations s on s.indicator_id = i.id and s.area_code = d.area_code and s.period_start = d.period_start
      and s.period_end = d.period_end and s.source_id = d.source_id and s.breakdown_id is null and s.status like 'COMPUTED%';

    drop table unit_counts; drop table picked; drop table area_at; drop table staged; drop table area_province;
  `);
  // The GSO's English names lack the Vietnamese letters (Thai Nguyen Province): the flags write them as the site does.
  const names = await db.all<{ full_name: string; full_name_en: string }>("select distinct full_name, full_name_en from areas where level <> 'COMMUNE'");
  for (const { full_name, full_name_en } of names) {
    const written = englishAreaName(full_name_en, full_name);
    if (written !== full_name_en) await db.run("update observation_flags set note = replace(note, ?, ?) where instr(note, ?) > 0", [` in ${full_name_en} on `, ` in ${written} on `, ` in ${full_name_en} on `]);
  }
  const count = async (table: string) => Number((await db.all<{ n: number }>(`select count(*) as n from ${table}`))[0].n);
  return { areaValues: await count("area_values"), headlines: await count("headline_observations"), coverage: await count("indicator_coverage") };
}
