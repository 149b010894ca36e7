import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { fromSessionUserContext, fromWizardContext } from './chat-context.mapper';
import { abortOnClientClose, writeChatStream } from './chat-sse';
import { ChatService } from './chat.service';
import { ChatMessageRequestDto, ChatRequestDto, ChatResponseDto, ChatSessionClearedResponseDto, ChatSessionResponseDto, NewChatSessionRequestDto, NewChatSessionResponseDto } from './dto';
import { ChatSessionService } from './session/chat-session.service';

/** The chat assistant: the Odoo wizard's POST /api/chat plus the session, message and streaming routes. */
@ApiTags('chat')
@RateLimit('chat')
@Controller('api/chat')
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly sessions: ChatSessionService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'One message from the Odoo chat wizard; always answers JSON with `message`, even with stream: true' })
  @ApiOkResponse({ type: ChatResponseDto })
  wizard(@Body() body: ChatRequestDto, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ChatResponseDto> {
    const sessionId = body.session_id ?? body.context?.session_id ?? null;
    const input = {
      caller,
      sessionId,
      message: body.message,
      userContext: fromWizardContext(body.context),
      companyId: body.context?.user?.company_id ?? null,
      createSessionIfMissing: true,
      requestId: String(req.id),
    };
    return this.chat.answer(input, abortOnClientClose(reply));
  }

  @Post('session/new')
  @HttpCode(200)
  @ApiOperation({ summary: 'Starts a session (UUID) for this API key' })
  @ApiOkResponse({ type: NewChatSessionResponseDto })
  newSession(@Body() body: NewChatSessionRequestDto, @CurrentCaller() caller: Caller): Promise<NewChatSessionResponseDto> {
    return this.sessions.create(caller, fromSessionUserContext(body.user_context), new Date());
  }

  @Get('session/:id')
  @ApiOperation({ summary: "History and stats of one of this key's sessions (renews its expiry)" })
  @ApiOkResponse({ type: ChatSessionResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, expired, or created by another API key' })
  getSession(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ChatSessionResponseDto> {
    return this.sessions.read(caller, id);
  }

  @Delete('session/:id')
  @ApiOperation({ summary: "Deletes one of this key's sessions" })
  @ApiOkResponse({ type: ChatSessionClearedResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, expired, or created by another API key' })
  clearSession(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ChatSessionClearedResponseDto> {
    return this.sessions.clear(caller, id);
  }

  @Post('message')
  @HttpCode(200)
  @ApiOperation({ summary: 'One message in a session (null session_id starts one); 404 for an unknown or foreign session' })
  @ApiOkResponse({ type: ChatResponseDto })
  message(@Body() body: ChatMessageRequestDto, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ChatResponseDto> {
    return this.chat.answer(this.sessionTurn(body, caller, req), abortOnClientClose(reply));
  }

  @Post('message/stream')
  @ApiOperation({
    summary: 'Same as /message as Server-Sent Events: {"type":"text"} deltas, then {"type":"done","metadata":…} or {"type":"error"}',
    description: 'Authentication, validation and session errors are plain JSON before the stream starts.',
  })
  @ApiProduces('text/event-stream')
  async stream(@Body() body: ChatMessageRequestDto, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signal = abortOnClientClose(reply);
    const turn = await this.chat.prepare(this.sessionTurn(body, caller, req));
    await writeChatStream(reply, this.chat.stream(turn, signal), String(req.id));
  }

  private sessionTurn(body: ChatMessageRequestDto, caller: Caller, req: FastifyRequest) {
    const userContext = fromSessionUserContext(body.user_context);
    return { caller, sessionId: body.session_id ?? null, message: body.message, userContext, createSessionIfMissing: false, requestId: String(req.id) };
  }
}
