import { Module } from '@nestjs/common';

/** Payroll feature module (routes and services are added here). */
@Module({})
export class PayrollModule {}
