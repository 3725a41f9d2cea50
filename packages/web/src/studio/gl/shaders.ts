// GLSL ES 3.00 sources of the WebGL2 preview. Coordinates in the shaders are the engine's: pixels from the top left,
// pixel centres at +0.5 (so y = height − gl_FragCoord.y). Passes draw into a linear-light target (RGBA16F, or
// SRGB8_ALPHA8 without float render targets), so blending happens in linear light, as the CPU renderer's does.

/** A triangle covering the viewport. */
export const FULLSCREEN_VS = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`

/** Per dot: centre, minor radius, major/minor, major axis, edge width, absorption; a point sprite over its bounds. */
export const DOT_VS = `#version 300 es
layout(location = 0) in vec2 a_center;
layout(location = 1) in vec3 a_shape; // rMinor, ratio, edge
layout(location = 2) in vec2 a_axis;
layout(location = 3) in vec3 a_absorb;
uniform vec2 u_size;
out vec2 v_center;
flat out vec4 v_form; // A, B, C, R
flat out vec2 v_edge; // 1/w, gain
flat out vec3 v_absorb;

const float PI = 3.141592653589793;

// integral over the plane of clamp((R − d)/w, 0, 1), R = r + w/2 (raster.ts softDiscIntegral)
float softDiscIntegral(float r, float w) {
  float R = r + w / 2.0;
  if (R <= w) return (PI * R * R * R) / (3.0 * w);
  float a = R - w;
  return PI * a * a + ((2.0 * PI) / w) * ((R * R * R) / 6.0 - (R * a * a) / 2.0 + (a * a * a) / 3.0);
}

void main() {
  float r = a_shape.x;
  float w = max(a_shape.z, 1.0);
  float R = r + w / 2.0;
  float gain = min(1.0, (PI * r * r) / softDiscIntegral(r, w));
  float s = 1.0 / (a_shape.y * a_shape.y);
  vec2 e = a_axis;
  v_form = vec4(s * e.x * e.x + e.y * e.y, (s - 1.0) * e.x * e.y, s * e.y * e.y + e.x * e.x, R);
  v_edge = vec2(1.0 / w, gain);
  v_absorb = a_absorb;
  v_center = a_center;
  // one point sprite per dot over its bounds (SwiftShader sets up a point far faster than two triangles): every pixel
  // centre within the major radius R·ratio of the centre, plus half a pixel each side, and no more (a sprite of
  // 2·ceil(R·ratio + 1) px shaded over twice the fragments)
  gl_PointSize = 2.0 * R * a_shape.y + 1.0;
  gl_Position = vec4(a_center.x / u_size.x * 2.0 - 1.0, 1.0 - a_center.y / u_size.y * 2.0, 0.0, 1.0);
}`

/** Writes 1 − coverage·gain·absorb; the blend multiplies the target by it (linear light). */
export const DOT_FS = `#version 300 es
precision highp float;
uniform vec2 u_size;
in vec2 v_center;
flat in vec4 v_form;
flat in vec2 v_edge;
flat in vec3 v_absorb;
out vec4 color;
void main() {
  vec2 d = vec2(gl_FragCoord.x, u_size.y - gl_FragCoord.y) - v_center;
  float d2 = v_form.x * d.x * d.x + 2.0 * v_form.y * d.x * d.y + v_form.z * d.y * d.y;
  float R = v_form.w;
  if (d2 >= R * R) discard;
  float cov = min(1.0, (R - sqrt(d2)) * v_edge.x);
  color = vec4(vec3(1.0) - cov * v_edge.y * v_absorb, 1.0);
}`

/** Hair: a soft anti-aliased segment per mark, with its own colour and opacity (hair-marks.ts stampShaft). */
export const HAIR_VS = `#version 300 es
layout(location = 0) in vec4 a_seg; // ax, ay, bx, by
layout(location = 1) in vec2 a_shape; // half-width, edge ramp width
layout(location = 2) in vec4 a_color; // linear rgb, opacity
layout(location = 3) in float a_cap; // 1: a round cap at the start; 0: continues the mark before it
uniform vec2 u_size;
flat out vec4 v_seg;
flat out vec4 v_form; // R, 1/w, peak, start cap
flat out vec3 v_color;
void main() {
  float hw = a_shape.x;
  float w = max(a_shape.y, 1.0);
  bool thin = hw < 0.5 && w == 1.0;
  float R = thin ? 1.0 : hw + w / 2.0;
  float peak = thin ? a_color.a * 2.0 * hw : (2.0 * hw < w ? a_color.a * 2.0 * hw / w : a_color.a);
  vec2 c = (a_seg.xy + a_seg.zw) * 0.5;
  vec2 ext = abs(a_seg.zw - a_seg.xy) * 0.5 + R + 1.0;
  gl_PointSize = 2.0 * ceil(max(ext.x, ext.y));
  v_seg = a_seg;
  v_form = vec4(R, thin ? 1.0 : 1.0 / w, peak, a_cap);
  v_color = a_color.rgb;
  gl_Position = vec4(c.x / u_size.x * 2.0 - 1.0, 1.0 - c.y / u_size.y * 2.0, 0.0, 1.0);
}`

/** Premultiplied: the blend lays each mark over what is below (ONE, ONE_MINUS_SRC_ALPHA), in linear light. */
export const HAIR_FS = `#version 300 es
precision highp float;
uniform vec2 u_size;
flat in vec4 v_seg;
flat in vec4 v_form;
flat in vec3 v_color;
out vec4 color;
void main() {
  vec2 p = vec2(gl_FragCoord.x, u_size.y - gl_FragCoord.y) - v_seg.xy;
  vec2 d = v_seg.zw - v_seg.xy;
  float len2 = dot(d, d);
  float t = len2 > 1e-12 ? dot(p, d) / len2 : 0.0;
  if (t < 0.0 && v_form.w < 0.5) discard;
  t = clamp(t, 0.0, 1.0);
  float dist = length(p - t * d);
  float cov = (v_form.x - dist) * v_form.y;
  if (cov <= 0.0) discard;
  float a = min(cov, 1.0) * v_form.z;
  color = vec4(v_color * a, a);
}`

/**
 * To the canvas in one pass, the CPU renderer's order as one formula: the CPU's untoned skin, times the diffuse tone's
 * transmission where the pixel shows the head (per grid node, exp(−OD) taken on the CPU, interpolated between nodes as
 * skin.ts's applyTone interpolates the density: over 8 px the two orders differ by far less than a byte), times the
 * dots' transmission (their pass multiplied the target's white rgb by 1 − coverage·absorb), then the hair laid over
 * it (its pass composited every mark over in premultiplied linear light, so over(hairs, base) = base·(1 − A) + C);
 * left of the split, the before image (its own tone, no dots). Then sRGB encoding and the "Simulated" mark: its plate darkens to
 * 35 % (truncated, as mark.ts does on bytes) and its text is white.
 */
export const PRESENT_FS = `#version 300 es
precision highp float;
precision highp sampler2D;
uniform sampler2D u_skin;
uniform sampler2D u_tone;
uniform sampler2D u_toneBefore;
uniform sampler2D u_layers; // rgb: the dots' transmission
uniform sampler2D u_hair; // premultiplied linear colour of the hair, its coverage in alpha
uniform sampler2D u_mark;
uniform vec2 u_size;
uniform vec2 u_toneSize;
uniform float u_grid;
uniform float u_split; // pixels left of this x show the before image
uniform vec4 u_plate; // x, y, w, h (top-left origin)
uniform int u_chart;
// perspective camera (head frame), as the engine's View
uniform vec3 u_eye;
uniform vec3 u_right;
uniform vec3 u_up;
uniform vec3 u_forward;
uniform vec3 u_abc;
uniform vec3 u_cam; // focal, cx, cy
uniform float u_clipY;
uniform vec4 u_chartView; // cx, cy, scale, radius
out vec4 color;

// view.ts's scalpClipY: the scalp's clip height by azimuth (just above the brows at the front, the temples at the sides,
// the nape at the back)
float scalpClipY(float x, float z) {
  vec2 n = vec2(x / u_abc.x, z / u_abc.y);
  float l = length(n);
  float c = l > 1e-9 ? n.y / l : 1.0;
  if (c >= 0.45) return -30.0 + 46.0 * smoothstep(0.45, 0.8, c);
  return -72.0 + 42.0 * smoothstep(-0.25, 0.05, c);
}

bool onHead(vec2 p) {
  if (u_chart == 1) {
    vec2 uv = vec2(p.x - u_chartView.x, u_chartView.y - p.y) / u_chartView.z;
    return dot(uv, uv) <= u_chartView.w * u_chartView.w;
  }
  float sx = (p.x - u_cam.y) / u_cam.x;
  float sy = (u_cam.z - p.y) / u_cam.x;
  vec3 d = u_forward + sx * u_right + sy * u_up;
  vec3 ia = 1.0 / vec3(u_abc.x, u_abc.z, u_abc.y);
  vec3 o = u_eye * ia;
  vec3 q = d * ia;
  float A = dot(q, q);
  float B = dot(o, q);
  float C = dot(o, o) - 1.0;
  float disc = B * B - A * C;
  if (disc < 0.0) return false;
  float t = (-B - sqrt(disc)) / A;
  if (t <= 0.0) return false;
  vec3 hit = u_eye + t * d;
  return hit.y >= u_clipY && hit.y >= scalpClipY(hit.x, hit.z);
}

vec3 encode(vec3 c) {
  c = clamp(c, 0.0, 1.0);
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
  ivec2 px = ivec2(gl_FragCoord.xy);
  vec2 p = vec2(gl_FragCoord.x, u_size.y - gl_FragCoord.y);
  bool before = p.x < u_split;
  vec4 skin = texelFetch(u_skin, ivec2(px.x, int(u_size.y) - 1 - px.y), 0);
  vec3 lin = skin.rgb;
  // alpha 254: the face, ears or neck hide the scalp here (head-shading.ts's markHeadPixels)
  if (skin.a > 0.998 && onHead(p)) {
    // skin.ts's applyTone: the grid node below-left, clamped, and bilinear weights — here by the texture unit
    vec2 f = (p - 0.5) / u_grid;
    vec2 i = clamp(floor(f), vec2(0.0), u_toneSize - 2.0);
    vec2 uv = (i + clamp(f - i, 0.0, 1.0) + 0.5) / u_toneSize;
    lin *= before ? textureLod(u_toneBefore, uv, 0.0).rgb : textureLod(u_tone, uv, 0.0).rgb;
  }
  vec4 layers = texelFetch(u_layers, px, 0);
  if (!before) lin *= layers.rgb;
  vec4 hair = texelFetch(u_hair, px, 0);
  lin = lin * (1.0 - hair.a) + hair.rgb;
  vec3 bytes = floor(encode(lin) * 255.0 + 0.5);
  vec2 m = p - u_plate.xy;
  if (m.x >= 0.0 && m.y >= 0.0 && m.x < u_plate.z && m.y < u_plate.w) {
    bytes = floor(bytes * 0.35);
    if (texelFetch(u_mark, ivec2(m), 0).r > 0.5) bytes = vec3(255.0);
  }
  color = vec4(bytes / 255.0, 1.0);
}`
