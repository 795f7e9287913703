import { ElMessageBox } from 'element-plus';

import { t } from '#/locales';

/**
 * Asks before a step that cannot be undone; resolves false on cancel.
 * The buttons carry the classes `confirm-ok` and `confirm-cancel` for browser tests.
 */
export async function confirmAction(message: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'confirm-ok',
      cancelButtonClass: 'confirm-cancel',
    });
    return true;
  } catch {
    return false;
  }
}
