import type { Provider, Type } from '@nestjs/common';
import { AccountPlugin } from './account.plugin';
import { CHAT_PLUGINS, type ChatPlugin } from './chat-plugin';
import { DtePlugin } from './dte.plugin';
import { PayrollPlugin } from './payroll.plugin';
import { StockPlugin } from './stock.plugin';

/** Every chat plugin class; adding a plugin is one class plus one line here. */
export const CHAT_PLUGIN_CLASSES: Type<ChatPlugin>[] = [DtePlugin, PayrollPlugin, StockPlugin, AccountPlugin];

/** Providers for the chat module: each plugin class, plus `CHAT_PLUGINS` resolving to all of them as an array. */
export const chatPluginProviders: Provider[] = [
  ...CHAT_PLUGIN_CLASSES,
  {
    provide: CHAT_PLUGINS,
    useFactory: (...plugins: ChatPlugin[]): ChatPlugin[] => plugins,
    inject: CHAT_PLUGIN_CLASSES,
  },
];
