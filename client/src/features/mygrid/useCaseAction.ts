import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actOnCase, type CaseActionRequest, type CaseDetail } from '../../api/cases';
import { isApiError } from '../../api/http';
import { useT } from '../../i18n/useT';
import { caseKeys } from './caseQueries';
import { mygridText } from './strings';

export interface ActionOutcome {
  kind: 'done' | 'conflict' | 'error';
  text: string;
}

/**
 * Sends one workflow step. The answer (the case as it is now) replaces the cached detail and the
 * inbox asks again; a 409 (someone acted first) reloads the case and says so.
 */
export function useCaseAction(id: number, onDone?: (detail: CaseDetail) => void) {
  const { t } = useT(mygridText);
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const mutation = useMutation({
    mutationFn: (request: CaseActionRequest) => actOnCase(id, request),
    onMutate: () => setOutcome(null),
    onSuccess: (detail, request) => {
      client.setQueryData(caseKeys.detail(id), detail);
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
      setOutcome({ kind: 'done', text: t('done', { action: t(`action.${request.action}`) }) });
      onDone?.(detail);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        void client.invalidateQueries({ queryKey: caseKeys.all });
        setOutcome({ kind: 'conflict', text: t('conflict') });
        return;
      }
      setOutcome({ kind: 'error', text: t('actionError', { message: error instanceof Error ? error.message : String(error) }) });
    },
  });
  return { run: mutation.mutate, pending: mutation.isPending, outcome, clearOutcome: () => setOutcome(null) };
}
