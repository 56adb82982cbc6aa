// The table / collection name an ORM derives when the code does not spell one out. shared-database compares these
// across services, so they follow each library's own default rather than a guess: two services that both declare
// `model('Person', …)` share the collection `people`.

/**
 * Mongoose's default collection name: `utils.toCollectionName` with `helpers/pluralize` (mongoose 9), rules and
 * uncountables copied verbatim; the first matching rule wins, applied to the lowercased model name.
 */
export function mongooseCollectionName(modelName: string): string {
  if (modelName === 'system.profile' || modelName === 'system.indexes') return modelName;
  const lower = modelName.toLowerCase();
  if (MONGOOSE_UNCOUNTABLES.includes(lower)) return lower;
  for (const [pattern, replacement] of MONGOOSE_PLURALIZATION) {
    if (lower.match(pattern)) return lower.replace(pattern, replacement);
  }
  return lower;
}

const MONGOOSE_PLURALIZATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/human$/gi, 'humans'],
  [/(m|wom)an$/gi, '$1en'],
  [/(pe)rson$/gi, '$1ople'],
  [/(child)$/gi, '$1ren'],
  [/^(ox)$/gi, '$1en'],
  [/(ax|test)is$/gi, '$1es'],
  [/(octop|cact|foc|fung|nucle)us$/gi, '$1i'],
  [/(alias|status|virus)$/gi, '$1es'],
  [/(bu)s$/gi, '$1ses'],
  [/(buffal|tomat|potat)o$/gi, '$1oes'],
  [/([ti])um$/gi, '$1a'],
  [/sis$/gi, 'ses'],
  [/(?:([^f])fe|([lr])f)$/gi, '$1$2ves'],
  [/(hive)$/gi, '$1s'],
  [/([^aeiouy]|qu)y$/gi, '$1ies'],
  [/(x|ch|ss|sh)$/gi, '$1es'],
  [/(matr|vert|ind)ix|ex$/gi, '$1ices'],
  [/([m|l])ouse$/gi, '$1ice'],
  [/(kn|w|l)ife$/gi, '$1ives'],
  [/(quiz)$/gi, '$1zes'],
  [/^goose$/i, 'geese'],
  [/s$/gi, 's'],
  [/([^a-z])$/, '$1'],
  [/$/gi, 's'],
];

const MONGOOSE_UNCOUNTABLES: readonly string[] = [
  'advice', 'energy', 'excretion', 'digestion', 'cooperation', 'health', 'justice', 'labour', 'machinery', 'equipment',
  'information', 'pollution', 'sewage', 'paper', 'money', 'species', 'series', 'rain', 'rice', 'fish', 'sheep', 'moose',
  'deer', 'news', 'expertise', 'status', 'media',
];

/** TypeORM's DefaultNamingStrategy.tableName: `snakeCase(className)` (`OrderItem` → `order_item`, `HTTPLog` → `http_log`). */
export function typeormTableName(className: string): string {
  return className
    .replaceAll(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replaceAll(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** MikroORM's default UnderscoreNamingStrategy.classToTableName (`OrderItem` → `order_item`). */
export function mikroOrmTableName(className: string): string {
  return (className.charAt(0).toLowerCase() + className.slice(1)).replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Sequelize pluralizes the model name, keeping its case (`User` → `Users`), unless `freezeTableName`. Sequelize uses
 * the `inflection` package; this covers its regular English rules, not its irregular-word list.
 */
export function sequelizeTableName(modelName: string): string {
  if (/[^aeiou]y$/i.test(modelName)) return `${modelName.slice(0, -1)}${matchCase(modelName, 'ies')}`;
  if (/(s|x|z|ch|sh)$/i.test(modelName)) return `${modelName}${matchCase(modelName, 'es')}`;
  return `${modelName}${matchCase(modelName, 's')}`;
}

function matchCase(word: string, suffix: string): string {
  return word === word.toUpperCase() && /[A-Z]/.test(word) ? suffix.toUpperCase() : suffix;
}
