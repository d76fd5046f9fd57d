/**
 * The checksums recorded before DX Monitor read a migration's checksum from its statements alone: the sha256 of
 * each file's whole text (`text`) as it was then, with the sha256 of its statements (`statements`). A database
 * that recorded `text` is upgraded to the statements' checksum, once, if the file's statements are still those
 * (only its comments changed); any other difference is an edited migration and refused.
 */
export const WHOLE_TEXT_CHECKSUMS: Readonly<Record<number, { text: string; statements: string }>> = {
  1: {
    text: '58a02aebabb0b564c4b6d1f58a80ee3dea39b4b0e3f8b25e3fbaa3eb84db62c5',
    statements: '3c4b251a253c2e5ea934ae7c589aa0de5dadd3e0f03d68478ac8a28200ead1c7',
  }, // 0001_units_indicators_plans_values.sql
  2: {
    text: '96c1a8db84d2d76fe4218bd6cb74e513cb6c51f738433b7cb2e3e9bde123e361',
    statements: '1b377d2f9280ae867d4f09c3547ac189fec67dd944a116f654d76cfbddce976a',
  }, // 0002_catalogue_values.sql
  4: {
    text: '5c42a88f2310ec8420d1c2378d966b98150185b5e1191da689dd0d2d0f5fe912',
    statements: 'b0363f2868dfa0d95221295b595cc4830b5b521e03ca94847fc696ffcb37caf4',
  }, // 0004_tasks.sql
  5: {
    text: 'b9646a24d520448cdd6602a58672af57d82cc5a0e0f3ad52840a96fdcd01ee49',
    statements: '380915bc11c7802295f170cfb856bde42dfedd13935f054e0c1da8e6d690a0b4',
  }, // 0005_auth_review.sql
  6: {
    text: 'ce5ad1f6eac79280e438db2596a6001b818f03413613b5c387d5070bcda082fe',
    statements: '423b5d89278fecd6910a9e3ebb53fb091cfbb9191220005852ea31714bf11a5d',
  }, // 0006_index.sql
  7: {
    text: 'c84a9a17bc67f0c0e79c2608312298e93550a6870a57919e69f30a30a465b53e',
    statements: '86778e7e592d16cb95e2b91c9dccf0ce7012e281d6796b1ed3628032b15b5e5e',
  }, // 0007_evaluation_indexes.sql
  8: {
    text: '11485e15e908a0a4509833fe022654b9eeb18fad5dc61c500a415b28cfdf1c16',
    statements: '6e81e6a12cbd1a994e4ed6da8b50a6349981d984f659e3b649d6fee223ad2ed6',
  }, // 0008_value_rollup.sql
  9: {
    text: '23d2e477627a3dcc398bb681bfabec2599dc2e020789a0d6b2f37b829a529049',
    statements: 'cbabb859458bc4a2e87236ffc204e373939b23ec5ddd261d218a363dcf22d673',
  }, // 0009_composite_index_names.sql
  10: {
    text: '44b2b5b8327cd615a31194437ed49bdbcd4a199dc818024c66f7f56e8adfc85d',
    statements: '70225b4222914874c14cad4cfee89eec75df676ebdb50e8eb254e9705f47722a',
  }, // 0010_rollup_state.sql
  11: {
    text: '3a2c83e7450af616ebd7088dbc4f07004ea54ae4877e8f6ccbc85f6a476346b0',
    statements: '0f4bda078906ab283075017f77fc54e335dd092fb0741fbe096102a309d516bb',
  }, // 0011_indicator_bounds.sql
  12: {
    text: 'fb59c0ca2e3474f48e34d7c039c29d648ec09c98152cc3feb05ecec84bc6c5b9',
    statements: '4f57078941fe4b2e66c2158c07ef3f4bd4b4c54f4dc3107a43a63dbbc7d54c21',
  }, // 0012_report_notes_settings.sql
};
