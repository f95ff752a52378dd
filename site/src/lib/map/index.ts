/** Maps of the site: choropleth, locator, the downloadable file, and the shapes they draw. */
export { choroplethMap, locatorMap, mapLegendHtml, missingAreasHtml, type ChoroplethMap, type ChoroplethOptions, type LocatorOptions, type MapArea, type MapUnit, type MapValue } from "./choropleth";
export { classThresholds, mapClasses, type MapClass } from "./classes";
export { mapFileSvg, type MapFileOptions } from "./file";
export { checkShapes, projectShapes, ShapeError, type AreaShape, type AreaShapeProperties, type AreaShapes, type CheckedShapes, type ProjectedShapes } from "./shapes";
