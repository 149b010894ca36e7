import { Module } from '@nestjs/common';

/** Admin feature module (routes and services are added here). */
@Module({})
export class AdminModule {}
