import { Alert, Button, Drawer } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * The side panel in which a catalogue entry is created or edited: its form, the API's refusal that names no field
 * (a 403, a conflict) above it, and Save and Cancel below. Full width on a phone.
 */
export function EditorDrawer({
  open,
  title,
  formId,
  error,
  saving,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  /** The id of the form inside, which the Save button submits. */
  formId: string;
  error: string | null;
  saving: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size="large"
      closable={{ 'aria-label': t.catalogue.cancel }}
      destroyOnHidden
      rootClassName="catalogue-drawer"
      footer={
        <div className="catalogue-drawer-footer">
          <Button onClick={onClose}>{t.catalogue.cancel}</Button>
          <Button type="primary" htmlType="submit" form={formId} loading={saving}>
            {t.catalogue.save}
          </Button>
        </div>
      }
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="catalogue-form-error" />}
      {children}
    </Drawer>
  );
}
