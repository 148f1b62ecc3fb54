export const SCHEMA_FILE: string;
export function generateApiTypes(host: string): Promise<string>;
