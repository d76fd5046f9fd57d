import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Permission } from '../../../src/domain/permission.js';
import { apiRequest } from '../api/client';
import { useSession } from '../api/session';
import type { UnitSummary } from '../api/units';
import { useI18n } from '../i18n/i18n';
import { grantsWith } from '../shell/permissions';

/** One node of the picker: a unit as users write it (`pre2025:10`) or `/` for the whole installation. */
interface UnitNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const ROOT = '/';

function node(unit: UnitSummary, parent: string): UnitNode {
  return {
    id: unit.code,
    pId: parent,
    value: unit.code,
    title: `${unit.name} (${unit.code})`,
    isLeaf: unit.level === 'village',
  };
}

/**
 * Picks a unit within the units where the signed-in user holds `permission`: the units of those grants and, opened
 * one level at a time, the units below them (`GET /units?parent=`). A grant over the whole installation starts from
 * `/` and the provinces of both unit sets. The API still checks the unit chosen.
 */
export function UnitPicker({
  id,
  permission,
  value,
  onChange,
  allowClear = false,
}: {
  id?: string;
  permission: Permission;
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
}) {
  const { t, lang } = useI18n();
  const session = useSession(false);
  const grants = grantsWith(session.data, permission);
  const roots = useMemo<UnitNode[]>(() => {
    const seen = new Set<string>();
    const out: UnitNode[] = [];
    for (const g of grants) {
      if (seen.has(g.unit)) continue;
      seen.add(g.unit);
      out.push({
        id: g.unit,
        pId: null,
        value: g.unit,
        title: g.unit === ROOT ? t.admin.wholeInstallation : `${g.unitName ?? g.unit} (${g.unit})`,
        isLeaf: false,
      });
    }
    return out;
    // The grants change only with the session.
  }, [session.data, lang]);
  const [loaded, setLoaded] = useState<UnitNode[]>([]);
  useEffect(() => setLoaded([]), [roots]);

  const loadChildren = async (parent: string): Promise<void> => {
    if (loaded.some((n) => n.pId === parent)) return;
    const lists =
      parent === ROOT
        ? await Promise.all(
            ['2025', 'pre2025'].map((set) =>
              apiRequest<{ units: UnitSummary[] }>(`/units?level=province&set=${set}`),
            ),
          )
        : [await apiRequest<{ units: UnitSummary[] }>(`/units?parent=${encodeURIComponent(parent)}`)];
    const children = lists.flatMap((l) => l.units).map((u) => node(u, parent));
    setLoaded((before) => [
      ...before,
      ...children.filter((c) => !before.some((b) => b.id === c.id) && !roots.some((r) => r.id === c.id)),
    ]);
  };

  const treeData = [...roots, ...loaded];

  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={treeData}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      loadData={(n) => loadChildren(String(n.value))}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={t.admin.unitPlaceholder}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 200 }}
    />
  );
}
