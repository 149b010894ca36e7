import { Module } from '@nestjs/common';

/** Chat feature module (routes and services are added here). */
@Module({})
export class ChatModule {}
