import { Button, Form, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useSetAddressParams } from '../shell/address-params';
import type { RegisterSummary } from '../../../src/contract/registers.js';
import { ApiError } from '../api/client';
import type { Lang } from '../i18n/i18n';
import type { RegisterScope } from './register-scope';

/** What every part of a register's page reads: the register, the unit it is read under, the periods' datalist. */
export interface SectionProps {
  register: RegisterSummary;
  scope: RegisterScope;
  periodListId: string;
}

/** A part of a register's page under its own second-level heading. */
export function RegisterSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="registers-section" data-testid={id}>
      <Typography.Title level={2} id={`${id}-title`}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** A part's small inline form: its fields, then its one submit button. */
export function SectionForm<T extends object>({
  form,
  name,
  label,
  submit,
  pending = false,
  initialValues,
  onFinish,
  children,
}: {
  form: FormInstance<T>;
  name: string;
  label: string;
  submit: string;
  pending?: boolean;
  initialValues?: Partial<T>;
  onFinish: (values: T) => void;
  children: ReactNode;
}) {
  return (
    <Form<T>
      form={form}
      name={name}
      layout="inline"
      className="registers-form"
      aria-label={label}
      {...(initialValues ? { initialValues } : {})}
      onFinish={onFinish}
    >
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          {submit}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** One address parameter of the register page and its setter. */
export function useParam(name: string): [string | null, (value: string | null) => void] {
  const [search] = useSearchParams();
  const setParams = useSetAddressParams();
  return [search.get(name), (value) => setParams({ [name]: value }, { replace: true })];
}

/** The field messages of an API refusal, in the reader's language. */
export function fieldErrors(error: unknown, lang: Lang): Record<string, string> {
  return error instanceof ApiError ? error.fieldMessages(lang) : {};
}

/** The message of a refusal that names none of `fields` (a unit outside the reader's scope, an unknown code). */
export function otherError(
  error: unknown,
  fields: readonly string[],
  lang: Lang,
  fallback: string,
): string | null {
  if (!error) return null;
  const byField = fieldErrors(error, lang);
  if (fields.some((f) => byField[f] !== undefined)) return null;
  return error instanceof ApiError ? (error.messageIn(lang) ?? fallback) : fallback;
}
