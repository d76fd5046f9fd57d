import { z } from 'zod';
import { boundaryMap, mapStatus } from '../../app/maps/list-boundaries.js';
import { BOUNDARY_FILE_MAX_BYTES, loadBoundaries } from '../../app/maps/load-boundaries.js';
import { BOUNDARY_SETS } from '../../domain/unit-vocabulary.js';
import type { RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const setSchema = z
  .enum(BOUNDARY_SETS)
  .default('2025')
  .meta({ description: 'The unit set the codes are read in' });

const loadReportSchema = z
  .object({
    set: z.enum(BOUNDARY_SETS),
    source: z
      .string()
      .meta({ description: 'The source credited: the file’s source or attribution, or its name' }),
    features: z.number().int(),
    matched: z.number().int(),
    written: z
      .number()
      .int()
      .meta({ description: 'Boundaries new or changed (0 when the same file is loaded again)' }),
    unmatched: z.array(z.string()).meta({ description: 'Feature codes that name no unit of the set' }),
    levels: z.record(z.string(), z.number().int()).meta({ description: 'Matched units per level' }),
  })
  .meta({ id: 'BoundaryLoadReport' });

const mapSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    set: z.enum(BOUNDARY_SETS),
    parent: z.string().nullable(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({ code: z.string(), name: z.string(), level: z.string() }),
        geometry: z.record(z.string(), z.unknown()).meta({ description: 'GeoJSON Polygon or MultiPolygon' }),
      }),
    ),
    without: z.array(z.string()).meta({ description: 'Units of the layer without a boundary' }),
    credit: z.array(z.string()).meta({ description: 'The sources of the boundaries shown' }),
  })
  .meta({ id: 'BoundaryMap' });

export const mapsRoutes: RegisterRoutes = (api, ctx) => {
  api.put(
    '/maps',
    {
      bodyLimit: BOUNDARY_FILE_MAX_BYTES,
      schema: {
        tags: ['units'],
        summary: 'Nạp ranh giới đơn vị / Upload unit boundaries (TopoJSON or GeoJSON)',
        description:
          'For the installation’s administrator. The JSON body is a TopoJSON topology or a GeoJSON FeatureCollection whose feature `id` (or `code`/`ma` property) is a unit code of `set`. Every feature is checked (Polygon or MultiPolygon, finite longitude and latitude in range): a bad one refuses the whole file with 400 naming its index and field. Unmatched codes are listed; none matched is a 400. One transaction. The source credited is the file’s `source`/`attribution`, else `name`.',
        querystring: z.object({
          set: setSchema,
          name: z.string().min(1).max(200).default('upload.json').meta({ description: 'The file’s name' }),
        }),
        body: z.record(z.string(), z.unknown()).meta({ description: 'TopoJSON or GeoJSON' }),
        response: {
          200: loadReportSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          413: problemSchema,
        },
      },
    },
    async (request) =>
      loadBoundaries(ctx, requestActor(request), {
        document: request.body,
        fileName: request.query.name,
        set: request.query.set,
      }),
  );

  api.get(
    '/maps',
    {
      schema: {
        tags: ['units'],
        summary: 'Bản đồ đơn vị / Unit boundaries as GeoJSON',
        description:
          'A GeoJSON FeatureCollection of the children of `parent` (the set’s provinces when absent) that have a boundary, each with `code`, `name` and `level`; the units without one, and the sources to credit.',
        querystring: z.object({ set: setSchema, parent: z.string().min(1).max(140).optional() }),
        response: { 200: mapSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      requestActor(request);
      return boundaryMap(ctx, { set: request.query.set, parent: request.query.parent });
    },
  );

  api.get(
    '/maps/status',
    {
      schema: {
        tags: ['units'],
        summary: 'Tình trạng bản đồ / Which sets and levels have boundaries',
        response: {
          200: z.object({
            layers: z.array(
              z.object({
                set: z.string(),
                level: z.string(),
                units: z.number().int(),
                withBoundary: z.number().int(),
                sources: z.array(z.string()),
              }),
            ),
          }),
          401: problemSchema,
        },
      },
    },
    async (request) => {
      requestActor(request);
      return mapStatus(ctx);
    },
  );
};
