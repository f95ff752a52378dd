import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Area } from "../area/area.type.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Source } from "../source/source.type.js";
import { Milestone } from "./milestone.type.js";
import { Target } from "./target.type.js";

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Indicator, { description: "The indicator the target is for." })
  async indicator(@Root() t: Target, @Ctx() { loaders }: Context): Promise<Indicator> {
    return Indicator.from((await loaders.indicator.load(t.indicatorId))!);
  }

  @FieldResolver(() => Area, { nullable: true, description: "The area the target is for, as the unit was at the end of the target period." })
  async area(@Root() t: Target, @Ctx() { loaders }: Context): Promise<Area | null> {
    const row = await loaders.areaAt.load({ code: t.areaCode, date: t.period.end });
    return row ? Area.from(row) : null;
  }

  @FieldResolver(() => Source, { description: "Where the target was announced." })
  async source(@Root() t: Target, @Ctx() { loaders }: Context): Promise<Source> {
    return Source.from((await loaders.source.load(t.sourceId))!);
  }
}

@Resolver(() => Milestone)
export class MilestoneResolver {
  @FieldResolver(() => Source, { description: "Where the fact is reported." })
  async source(@Root() m: Milestone, @Ctx() { loaders }: Context): Promise<Source> {
    return Source.from((await loaders.source.load(m.sourceId))!);
  }

  @FieldResolver(() => Area, { nullable: true, description: "The area concerned (its most recent version)." })
  async area(@Root() m: Milestone, @Ctx() { loaders }: Context): Promise<Area | null> {
    const date = m.date.length === 10 ? m.date : null;
    const row = await loaders.areaAt.load({ code: m.areaCode, date });
    return row ? Area.from(row) : null;
  }
}
