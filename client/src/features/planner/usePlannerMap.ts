import { useEffect, useState } from 'react';
import { PlannerMap } from '../../map/overlays/PlannerMap';
import { useMapController } from '../../map/MapContext';

// One PlannerMap at a time: its layers and Terra Draw's sources have fixed ids, so a new one
// (e.g. React's StrictMode mounting the workspace twice) waits until the last one is gone.
let queue: Promise<unknown> = Promise.resolve();

/** The planner's hold on the shared map while the workspace is open (null until the map is ready). */
export function usePlannerMap(): PlannerMap | null {
  const controller = useMapController();
  const [plannerMap, setPlannerMap] = useState<PlannerMap | null>(null);

  useEffect(() => {
    if (!controller) return;
    let alive = true;
    let created: PlannerMap | null = null;
    const job = queue.then(async () => {
      if (!alive) return;
      const p = await PlannerMap.create(controller);
      if (!alive) {
        p.destroy();
        return;
      }
      created = p;
      setPlannerMap(p);
    });
    queue = job.catch((err: unknown) => {
      console.error('planner map', err);
    });
    return () => {
      alive = false;
      created?.destroy();
      created = null;
      setPlannerMap(null);
    };
  }, [controller]);

  return plannerMap;
}
