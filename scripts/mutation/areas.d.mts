export declare const AREAS: Readonly<Record<string, readonly string[]>>;
export declare const areaNames: readonly string[];
export declare function incrementalFileOf(area: string): string;
