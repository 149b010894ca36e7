import { directRoute } from 'src/common/http/direct-routes';
import { AnthropicDoorController } from './anthropic-door.controller';
import { OpenAiDoorController } from './openai-door.controller';

/** The doors' chat routes, the gateway's hottest, served without Nest's per-request router (src/common/http/direct-routes.ts). */
export const DIRECT_DOOR_ROUTES = [
  directRoute({
    method: 'POST',
    url: '/v1/chat/completions',
    controller: OpenAiDoorController,
    handler: 'chat',
    call: (door, request, reply) => door.chat(request.body, request.caller!, request, reply),
  }),
  directRoute({
    method: 'POST',
    url: '/v1/messages',
    controller: AnthropicDoorController,
    handler: 'messages',
    call: (door, request, reply) => door.messages(request.body, request.caller!, request, reply),
  }),
];
