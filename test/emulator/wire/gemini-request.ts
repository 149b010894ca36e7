/** Parses and validates a Gemini `generateContent` request with Gemini's error wording. */
import type { JsonSchema } from '../features/schema-sample';
import { textOf, tokensForChars } from '../reply-builder';
import { addMedia, BadRequestError, type MediaCounts, type ParsedRequest, type RequestFeatures, type ToolSpec } from './wire-format';

interface Part {
  text?: unknown;
  thoughtSignature?: unknown;
  inlineData?: { mimeType?: unknown; data?: unknown };
  fileData?: { mimeType?: unknown; fileUri?: unknown };
  functionCall?: { name?: unknown; args?: unknown };
  functionResponse?: { name?: unknown; response?: unknown };
}

interface Content {
  role?: string;
  parts?: Part[];
}

interface GenerationConfig {
  maxOutputTokens?: number;
  responseMimeType?: string;
  responseSchema?: JsonSchema;
  responseJsonSchema?: JsonSchema;
  stopSequences?: unknown;
  candidateCount?: unknown;
  seed?: number;
  thinkingConfig?: { thinkingBudget?: number };
}

const THINKING_MODEL = /gemini-(2\.5|3)(?!.*lite)/;
const KNOWN_FIELDS = new Set(['contents', 'generationConfig', 'cachedContent', 'labels', 'safetySettings', 'serviceTier', 'systemInstruction', 'toolConfig', 'tools', 'model']);

/** Gemini body (model from the path) → neutral request; throws `BadRequestError` with Gemini's message. */
export function parseGeminiRequest(body: Record<string, unknown>, model: string | undefined): ParsedRequest {
  const contents = body.contents;
  if (!model) throw new BadRequestError('model is required');
  if (!Array.isArray(contents) || contents.length === 0) throw new BadRequestError('* GenerateContentRequest.contents: contents is not specified');
  const unknown = Object.keys(body).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown) throw new BadRequestError(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  const tools = parseTools(body.tools);
  const system = textOf((body.systemInstruction as Content | undefined)?.parts);
  let promptChars = system.length + (tools.length > 0 ? JSON.stringify(body.tools).length : 0);
  let prefixChars = system.length;
  let prefixKey = `${model}\u0002${system}\u0001`;
  let lastUserText = '';
  const media: MediaCounts = { audios: 0, documents: 0, images: 0 };
  (contents as Content[]).forEach((content, index) => {
    const text = textOf(content?.parts) + callText(content?.parts);
    addMedia(media, countMedia(content, index));
    promptChars += text.length;
    if (index < contents.length - 1) {
      prefixChars += text.length;
      prefixKey += `${content.role}\u0000${text}\u0001`;
    }
    if (content?.role !== 'model' && textOf(content?.parts)) lastUserText = textOf(content?.parts);
  });
  checkFunctionTurns(contents as Content[]);
  if (model.startsWith('gemini-3')) checkThoughtSignatures(contents as Content[]);
  const config = (body.generationConfig ?? {}) as GenerationConfig;
  const budget = config.thinkingConfig?.thinkingBudget;
  const features: RequestFeatures = {
    candidateCount: parseCandidateCount(config.candidateCount),
    audioCount: media.audios,
    documentCount: media.documents,
    imageCount: media.images,
    ...toolChoice(body.toolConfig, tools),
    outputSchema: outputSchema(config),
    seed: config.seed,
    stop: parseStopSequences(config.stopSequences),
    toolResults: functionResults(contents as Content[]),
    tools,
  };
  return {
    deepseek: false,
    facts: {
      json: config.responseMimeType === 'application/json',
      lastUserText,
      maxTokens: config.maxOutputTokens,
      model,
      promptChars,
      reasoning: budget === undefined ? THINKING_MODEL.test(model) : budget !== 0,
    },
    features,
    implicitPrefix: { key: prefixKey, tokens: tokensForChars(prefixChars) },
    includeUsage: true,
    stream: false,
  };
}

function parseTools(raw: unknown): ToolSpec[] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) throw new BadRequestError('Invalid JSON payload received. Unknown name "tools": Proto field is not repeating, cannot start list.');
  const declarations = (raw as Array<{ functionDeclarations?: Array<{ name?: unknown; parameters?: JsonSchema; parametersJsonSchema?: JsonSchema }> }>).flatMap(
    (tool) => tool?.functionDeclarations ?? [],
  );
  return declarations.map((declaration, index) => {
    if (typeof declaration?.name !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/.test(declaration.name)) {
      throw new BadRequestError(
        `* GenerateContentRequest.tools[0].function_declarations[${index}].name: Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots, colons and dashes, with a maximum length of 64.`,
      );
    }
    return { name: declaration.name, parameters: declaration.parametersJsonSchema ?? declaration.parameters ?? { type: 'object' } };
  });
}

function toolChoice(raw: unknown, tools: ToolSpec[]): Pick<RequestFeatures, 'toolMode' | 'forcedTool' | 'parallelTools'> {
  const config = (raw as { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } } | undefined)?.functionCallingConfig;
  const mode = config?.mode ?? 'AUTO';
  const allowed = config?.allowedFunctionNames ?? [];
  if (allowed.length > 0 && mode !== 'ANY') throw new BadRequestError('* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: only allowed when mode is ANY.');
  const missing = allowed.find((name) => !tools.some((tool) => tool.name === name));
  if (missing) throw new BadRequestError(`* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function ${missing} is not declared.`);
  if (mode === 'NONE') return { parallelTools: true, toolMode: 'none' };
  if (mode === 'ANY') return { forcedTool: allowed[0], parallelTools: true, toolMode: 'any' };
  return { parallelTools: true, toolMode: 'auto' };
}

/** Like Gemini: a function-response turn follows a function-call turn and answers each of its calls. */
function checkFunctionTurns(contents: Content[]): void {
  contents.forEach((content, index) => {
    const responses = (content?.parts ?? []).filter((part) => part?.functionResponse).length;
    if (responses === 0) return;
    const calls = (contents[index - 1]?.role === 'model' ? (contents[index - 1].parts ?? []) : []).filter((part) => part?.functionCall).length;
    if (calls === 0) throw new BadRequestError('Please ensure that function response turn comes immediately after a function call turn.');
    if (calls !== responses) throw new BadRequestError('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
  });
}

/**
 * Gemini 3: in the current turn (after the last user text), the first function call of each model step must carry the
 * `thoughtSignature` it was answered with (or the documented `skip_thought_signature_validator`).
 */
function checkThoughtSignatures(contents: Content[]): void {
  let turnStart = 0;
  contents.forEach((content, index) => {
    if (content?.role !== 'model' && (content?.parts ?? []).some((part) => typeof part?.text === 'string')) turnStart = index + 1;
  });
  for (let index = turnStart; index < contents.length; index++) {
    const parts = contents[index]?.role === 'model' ? (contents[index].parts ?? []) : [];
    const position = parts.findIndex((part) => part?.functionCall);
    if (position === -1 || typeof parts[position].thoughtSignature === 'string') continue;
    throw new BadRequestError(
      `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${String(parts[position].functionCall?.name)}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
    );
  }
}

function functionResults(contents: Content[]): string[] | undefined {
  const results = (contents[contents.length - 1]?.parts ?? []).filter((part) => part?.functionResponse).map((part) => JSON.stringify(part.functionResponse?.response ?? {}));
  return results.length > 0 ? results : undefined;
}

function callText(parts: Part[] | undefined): string {
  return (parts ?? [])
    .map((part) => (part?.functionCall ? `${String(part.functionCall.name)}${JSON.stringify(part.functionCall.args ?? {})}` : part?.functionResponse ? JSON.stringify(part.functionResponse) : ''))
    .join('');
}

/** `inlineData` / `fileData` parts by MIME type: `image/*`, `audio/*`, and PDF or `text/*` as documents. */
function countMedia(content: Content, index: number): MediaCounts {
  const counts: MediaCounts = { audios: 0, documents: 0, images: 0 };
  (content?.parts ?? []).forEach((part, partIndex) => {
    const media = part?.inlineData ?? part?.fileData;
    if (!media) return;
    if (typeof media.mimeType !== 'string' || !media.mimeType) throw new BadRequestError(`* GenerateContentRequest.contents[${index}].parts[${partIndex}].data: mime_type is required.`);
    if (part.inlineData && (typeof part.inlineData.data !== 'string' || !/^[A-Za-z0-9+/=_-]+$/.test(part.inlineData.data))) {
      throw new BadRequestError(`Invalid value at 'contents[${index}].parts[${partIndex}].inline_data.data' (TYPE_BYTES), Base64 decoding failed.`);
    }
    if (part.fileData && (typeof part.fileData.fileUri !== 'string' || !part.fileData.fileUri))
      throw new BadRequestError(`* GenerateContentRequest.contents[${index}].parts[${partIndex}].file_data.file_uri: file_uri is required.`);
    if (media.mimeType.startsWith('image/')) counts.images++;
    else if (media.mimeType.startsWith('audio/')) counts.audios++;
    else if (media.mimeType === 'application/pdf' || media.mimeType.startsWith('text/')) counts.documents++;
  });
  return counts;
}

function outputSchema(config: GenerationConfig): JsonSchema | undefined {
  const schema = config.responseJsonSchema ?? config.responseSchema;
  if (!schema) return undefined;
  if (config.responseMimeType !== 'application/json') {
    throw new BadRequestError('* GenerateContentRequest.generation_config.response_mime_type: must be application/json when response_schema or response_json_schema is set.');
  }
  return schema;
}

function parseCandidateCount(raw: unknown): number {
  if (raw == null) return 1;
  if (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > 8) throw new BadRequestError('* GenerateContentRequest.generation_config.candidate_count: must be between 1 and 8.');
  return raw as number;
}

function parseStopSequences(raw: unknown): string[] {
  if (raw == null) return [];
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) throw new BadRequestError("Invalid value at 'generation_config.stop_sequences': expected a list of strings.");
  if (raw.length > 5) throw new BadRequestError('* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences are allowed.');
  return raw as string[];
}
