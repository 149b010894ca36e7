import type { Content, FunctionDeclaration, Part } from '@google/genai';

/**
 * Gemini's REST generateContent JSON (v1beta), with the field names of the wire. The SDK's own request
 * type nests these under `config` and its responses are classes, so the mappers use this shape.
 */
export type GeminiPart = Part;
export type GeminiContent = Content;

export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE';

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  candidateCount?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
  responseLogprobs?: boolean;
  logprobs?: number;
  thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean };
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  generationConfig?: GeminiGenerationConfig;
  tools?: Array<{ functionDeclarations: FunctionDeclaration[] }>;
  toolConfig?: { functionCallingConfig: { mode: GeminiFunctionCallingMode; allowedFunctionNames?: string[] } };
}

export interface GeminiLogprobCandidate {
  token?: string;
  logProbability?: number;
}

export interface GeminiCandidate {
  index?: number;
  content?: GeminiContent;
  finishReason?: string;
  logprobsResult?: {
    chosenCandidates?: GeminiLogprobCandidate[];
    topCandidates?: Array<{ candidates?: GeminiLogprobCandidate[] }>;
  };
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

/** One generateContent answer, or one chunk of streamGenerateContent (same shape). */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  usageMetadata?: GeminiUsageMetadata;
  promptFeedback?: { blockReason?: string };
  responseId?: string;
  modelVersion?: string;
}
