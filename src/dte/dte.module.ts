import { Module } from '@nestjs/common';

/** Dte feature module (routes and services are added here). */
@Module({})
export class DteModule {}
