/** Where the database is and how it was provided; resolved before the Nest app is built. */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    readonly mode: 'server' | 'embedded',
    readonly poolSize: number,
    readonly migrations: { applied: string[]; alreadyApplied: string[] },
  ) {}
}
