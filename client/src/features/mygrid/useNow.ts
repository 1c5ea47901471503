import { useEffect, useState } from 'react';

/** The time now, renewed every minute, so "剩 5 小时" and "已逾期" keep up without a reload. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
