// What the dashboard asks, kept apart from its drawing code: the entry module starts
// this request as soon as the session is known (routes.js, prefetch), while the page's
// module and ECharts still load, so the data never waits for the code.
import { isoToday, quartersUpTo } from "../format.js";

const LIBRARY_FIELDS = `resourceLibrary {
  total byIndustry { key name patents } bySeiField { key name patents }
  byMaturity { key name patents } byRating { key name patents } }`;

export const LIBRARY = `query Library { ${LIBRARY_FIELDS} }`;

// Everything an overseer's dashboard shows, in one request.
export const DASHBOARD = `query Dashboard($asOf: Date!, $by: GroupBy!, $quarters: [String!]!) {
  milestones(asOf: $asOf) { key deadline description due concerned met missing achieved }
  inventoryProgress(asOf: $asOf, by: $by) {
    total { patents inventoried percent targetPercent required missing institutions institutionsBehind }
    rows { key name patents inventoried percent targetPercent missing behind institutionsBehind deadline } }
  conversionFigures(quarters: $quarters) {
    key name patents implemented implementationRate industrialised industrialisationRate
    quarters { quarter transferRegistrations licenceFilings productFilings amount } }
  ${LIBRARY_FIELDS} }`;

// Progress rows of the level below the person: provinces for the nation, institutions otherwise.
export function progressLevel(role) {
  return role === "NATIONAL" ? "PROVINCE" : "INSTITUTION";
}

// The dashboard's one request for a person (overseer or not) and the page's ?asOf=.
export function dashboardRequest(role, overseer, query) {
  if (!overseer) return { query: LIBRARY, variables: {} };
  const asOf = query.get("asOf") || isoToday();
  return { query: DASHBOARD, variables: { asOf, by: progressLevel(role), quarters: quartersUpTo(asOf) } };
}
