import { useEffect, useState } from 'react';

interface ReportStatus {
  id: string;
  status: string;
  url?: string;
}

export function App() {
  const [report, setReport] = useState<ReportStatus | null>(null);

  useEffect(() => {
    fetch('http://localhost:3000/api/reports/latest')
      .then((res) => res.json())
      .then(setReport);
  }, []);

  return (
    <main>
      <h1>Reports</h1>
      {report ? <p>{`${report.id}: ${report.status}`}</p> : <p>Loading…</p>}
    </main>
  );
}

export default App;
