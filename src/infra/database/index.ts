export { DatabaseConnection } from './database-connection';
export { DatabaseModule } from './database.module';
export { PrismaService } from './prisma.service';
export { applyMigrations, pendingMigrations, readMigrations } from './migrator';
