import { Module, OnModuleInit } from '@nestjs/common';
import { HealthContributors } from 'src/health/health-contributors';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { KnowledgeRepository } from './knowledge/knowledge.repository';
import { KnowledgeService } from './knowledge/knowledge.service';
import { chatPluginProviders } from './plugins/plugins.providers';
import { ChatSessionService } from './session/chat-session.service';
import { ChatSessionStore } from './session/chat-session.store';

/**
 * The chat assistant: plugins (CHAT_PLUGINS), the knowledge base seeded into Postgres, sessions in the KvStore and
 * answers through LlmClient. Needs, from global modules: AppConfig, PrismaService, KvStore, LlmClient, HealthContributors.
 */
@Module({
  controllers: [ChatController, KnowledgeController],
  providers: [...chatPluginProviders, KnowledgeRepository, KnowledgeService, ChatSessionStore, ChatSessionService, ChatService],
  exports: [ChatService, KnowledgeService],
})
export class ChatModule implements OnModuleInit {
  constructor(
    private readonly health: HealthContributors,
    private readonly chat: ChatService,
    private readonly knowledge: KnowledgeService,
  ) {}

  onModuleInit(): void {
    this.health.register('plugin_registry', () => {
      const plugins = this.chat.pluginIds();
      return { status: plugins.length > 0 ? 'up' : 'empty', plugins };
    });
    this.health.register('knowledge_base', () => this.knowledge.health());
  }
}
