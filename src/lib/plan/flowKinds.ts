// Which corridors the deck.gl drawing animates or bands, and the legend rows that follow. Kept apart
// from ./flow.ts (which measures lines with GeographicLib) so the app's first bundle can use it.

/** Corridor modes that carry trains: they get pulses when they run. */
export const FLOW_MODES = ['highSpeedRail', 'rail', 'suburbanRail', 'metro'] as const;
/** Corridor modes the plans call belts or axes: drawn as wide bands. */
export const BAND_MODES = ['axis', 'innovation'] as const;

export interface FlowProps {
  id: string;
  kind: string;
  mode?: string;
  /** the drawn phase (existing / underConstruction / planned) */
  phase?: string;
  status: string;
}

const phaseOf = (p: FlowProps) => p.phase ?? p.status;

/** Legend rows the flow adds for the features on screen. */
export function flowLegend(drawn: Iterable<{ props: FlowProps; geometry: string }>, enabled: boolean): { pulses: boolean; bands: boolean } {
  let pulses = false;
  let bands = false;
  for (const d of drawn) {
    const line = d.geometry === 'LineString' || d.geometry === 'MultiLineString';
    if (!line || d.props.kind !== 'corridor') continue;
    if (enabled && (FLOW_MODES as readonly string[]).includes(d.props.mode ?? '') && phaseOf(d.props) === 'existing') pulses = true;
    if ((BAND_MODES as readonly string[]).includes(d.props.mode ?? '')) bands = true;
  }
  return { pulses, bands };
}
