import { useCallback, useRef, useState } from 'react';
import { createReport, type CreatedReport, type NewReport } from '../../../api/createReport';
import type { ApiError } from '../../../api/http';
import { uploadReportPhoto } from '../../../api/uploadReportPhoto';
import { toApiError } from '../../../ui/useDistrictData';
import type { ChosenPhoto } from './photos';

export interface PhotoFailure {
  photo: ChosenPhoto;
  error: ApiError;
}

export type SendState =
  | { step: 'editing'; error: ApiError | null }
  | { step: 'creating' }
  | { step: 'uploading'; created: CreatedReport; index: number; total: number; fraction: number }
  | { step: 'sent'; created: CreatedReport; uploaded: number; failures: PhotoFailure[] };

/**
 * Sending a report: POST /api/reports, then its photos one at a time (with progress). A refused
 * report goes back to the form with the error; a photo that fails does not undo the report,
 * which is sent: it is listed, to be tried again within the photo window.
 */
export function useSendReport() {
  const [state, setState] = useState<SendState>({ step: 'editing', error: null });
  const busy = useRef(false);

  const upload = useCallback(async (created: CreatedReport, photos: readonly ChosenPhoto[], alreadyUploaded: number) => {
    const failures: PhotoFailure[] = [];
    let uploaded = alreadyUploaded;
    for (const [index, photo] of photos.entries()) {
      setState({ step: 'uploading', created, index, total: photos.length, fraction: 0 });
      try {
        await uploadReportPhoto(created.code, photo.file, (fraction) =>
          setState({ step: 'uploading', created, index, total: photos.length, fraction }),
        );
        uploaded += 1;
      } catch (err) {
        failures.push({ photo, error: toApiError(err) });
      }
    }
    setState({ step: 'sent', created, uploaded, failures });
  }, []);

  const send = useCallback(
    async (report: NewReport, photos: readonly ChosenPhoto[]) => {
      if (busy.current) return;
      busy.current = true;
      setState({ step: 'creating' });
      try {
        let created: CreatedReport;
        try {
          created = await createReport(report);
        } catch (err) {
          setState({ step: 'editing', error: toApiError(err) });
          return;
        }
        await upload(created, photos, 0);
      } finally {
        busy.current = false;
      }
    },
    [upload],
  );

  const retryPhotos = useCallback(async () => {
    if (busy.current || state.step !== 'sent') return;
    busy.current = true;
    try {
      await upload(state.created, state.failures.map((f) => f.photo), state.uploaded);
    } finally {
      busy.current = false;
    }
  }, [state, upload]);

  const reset = useCallback(() => setState({ step: 'editing', error: null }), []);

  return { state, send, retryPhotos, reset };
}
