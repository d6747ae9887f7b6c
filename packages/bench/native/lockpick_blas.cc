// Lockpick native kernels: OpenBLAS sgemm and a few hot memory-bound tfjs kernels (pow, tanh,
// sums, strided copies, row gathers) exposed to JavaScript through Node-API.
//
// The tfjs wasm backend keeps every tensor in one WebAssembly.Memory. JavaScript passes a
// Float32Array view of that heap plus element offsets, and the kernels read the operands and write
// the output in place, so no tensor data is copied across the boundary. Pure Node-API
// (NAPI_VERSION 8), so one build loads in any Node >= 16 and in worker threads.
#define NAPI_VERSION 8
#include <node_api.h>
#include <cblas.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

// The elementwise loops get an AVX2 clone picked at load time where the CPU has it.
#define LOCKPICK_CLONES __attribute__((target_clones("avx2", "default")))

bool check(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return true;
  napi_throw_error(env, nullptr, what);
  return false;
}

// Reads a float32 typed array argument: base pointer and length in elements.
bool heap_arg(napi_env env, napi_value v, float** data, size_t* length) {
  napi_typedarray_type type;
  void* ptr = nullptr;
  napi_value buffer;
  size_t offset = 0;
  if (napi_get_typedarray_info(env, v, &type, length, &ptr, &buffer, &offset) != napi_ok ||
      type != napi_float32_array) {
    napi_throw_type_error(env, nullptr, "expected a Float32Array heap view");
    return false;
  }
  *data = static_cast<float*>(ptr);
  return true;
}

bool int_arg(napi_env env, napi_value v, int64_t* out) {
  return check(env, napi_get_value_int64(env, v, out), "expected an integer argument");
}

// gemm(heap, transA, transB, batch, m, n, k, aOff, aStride, bOff, bStride, cOff, cStride,
//      [biasOff, relu])
// For each batch index i: C_i[m,n] = act(op(A_i) * op(B_i) + bias), where A_i starts at aOff + i*aStride
// (elements of heap; a stride of 0 broadcasts one matrix over the batch). A is row-major [m,k]
// ([k,m] when transposed), B is [k,n] ([n,k] when transposed), C is [m,n]. Bounds are checked
// against the heap length so a bad call throws instead of corrupting memory. The optional bias
// (biasOff >= 0: n floats added to every row) and ReLU are the epilogue of tfjs's _FusedMatMul.
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 15;
  napi_value argv[15];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc != 13 && argc != 15) {
    napi_throw_type_error(env, nullptr, "gemm expects 13 or 15 arguments");
    return nullptr;
  }
  float* heap = nullptr;
  size_t length = 0;
  if (!heap_arg(env, argv[0], &heap, &length)) return nullptr;
  int64_t v[14] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0};
  for (size_t i = 0; i + 1 < argc; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return nullptr;
  }
  const int64_t biasOff = v[12];
  const bool relu = v[13] != 0;
  const bool ta = v[0] != 0, tb = v[1] != 0;
  const int64_t batch = v[2], m = v[3], n = v[4], k = v[5];
  const int64_t aOff = v[6], aStride = v[7], bOff = v[8], bStride = v[9], cOff = v[10],
                cStride = v[11];
  if (batch < 0 || m < 0 || n < 0 || k < 0 || aOff < 0 || bOff < 0 || cOff < 0 || aStride < 0 ||
      bStride < 0 || cStride < 0) {
    napi_throw_range_error(env, nullptr, "gemm: negative size or offset");
    return nullptr;
  }
  if (batch == 0 || m == 0 || n == 0) return nullptr;
  const int64_t last = batch - 1;
  const auto len = static_cast<int64_t>(length);
  if (aOff + last * aStride + m * k > len || bOff + last * bStride + k * n > len ||
      cOff + last * cStride + m * n > len || biasOff + n > len) {
    napi_throw_range_error(env, nullptr, "gemm: operand outside the heap");
    return nullptr;
  }
  const int lda = static_cast<int>(ta ? m : k);
  const int ldb = static_cast<int>(tb ? k : n);
  const float* bias = biasOff >= 0 ? heap + biasOff : nullptr;
  for (int64_t i = 0; i < batch; i++) {
    float* c = heap + cOff + i * cStride;
    // With a bias, C starts as the bias rows and sgemm accumulates into it (beta = 1).
    for (int64_t r = 0; r < m && (bias || k == 0); r++) {
      for (int64_t j = 0; j < n; j++) c[r * n + j] = bias ? bias[j] : 0.f;
    }
    if (k > 0) {
      cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                  static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), 1.0f,
                  heap + aOff + i * aStride, lda, heap + bOff + i * bStride, ldb,
                  bias ? 1.0f : 0.0f, c, static_cast<int>(n));
    }
    if (relu) {
      for (int64_t j = 0; j < m * n; j++) c[j] = c[j] > 0.f ? c[j] : 0.f;
    }
  }
  return nullptr;
}

// Reads `count` integer arguments after the heap view; false (with a JS exception) on error.
bool heap_call(napi_env env, napi_callback_info info, size_t count, float** heap, int64_t* len,
               int64_t* v) {
  size_t argc = 8;
  napi_value argv[8];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return false;
  }
  if (argc != count + 1) {
    napi_throw_type_error(env, nullptr, "wrong number of arguments");
    return false;
  }
  size_t length = 0;
  if (!heap_arg(env, argv[0], heap, &length)) return false;
  *len = static_cast<int64_t>(length);
  for (size_t i = 0; i < count; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return false;
  }
  return true;
}

// exp for float32 without libm: e^x = 2^k · p(r), k = round(x / ln 2), |r| ≤ ln2 / 2, p a degree-7
// Taylor polynomial (relative error ~1e-7). Branch-free, so the loops below vectorize; glibc's
// expf does not, and was 3–4× slower per element here.
inline float fast_exp(float x) {
  x = x < -86.f ? -86.f : (x > 88.7228f ? 88.7228f : x);  // below −86: ~4e-38, not 0
  const float k = (x * 1.44269504088896341f + 12582912.f) - 12582912.f;  // round to nearest
  const float r = (x - k * 0.693145751953125f) - k * 1.428606765330187e-06f;  // ln 2 in two parts
  float p = 1.f / 5040;
  p = p * r + 1.f / 720;
  p = p * r + 1.f / 120;
  p = p * r + 1.f / 24;
  p = p * r + 1.f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.f;
  p = p * r + 1.f;
  // 2^k as 2^(k−1)·2, so k = 128 (x near the float maximum) still has a finite exponent field.
  const int32_t bits = (static_cast<int32_t>(k) + 126) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale * 2.f;
}

// tanh(x) = 1 − 2 / (e^{2x} + 1), within ~2e-7 of tanhf (|x| > 9 is ±1 to float precision).
inline float fast_tanh(float v) {
  const float a = v < -9.f ? -9.f : (v > 9.f ? 9.f : v);
  return 1.f - 2.f / (fast_exp(2.f * a) + 1.f);
}

// As a general Exp kernel: overflow gives Infinity and NaN stays NaN (fast_exp clamps both).
LOCKPICK_CLONES void exp_loop(const float* __restrict x, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    const float v = fast_exp(x[i]);
    o[i] = x[i] > 88.7228f ? HUGE_VALF : (x[i] != x[i] ? x[i] : v);
  }
}

LOCKPICK_CLONES void tanh_loop(const float* __restrict x, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) o[i] = fast_tanh(x[i]);
}

bool in_heap(napi_env env, int64_t len, int64_t off, int64_t n) {
  if (off >= 0 && n >= 0 && off + n <= len) return true;
  napi_throw_range_error(env, nullptr, "operand outside the heap");
  return false;
}

// powScalar(heap, xOff, outOff, n, expOff): out = x ^ heap[expOff]. Small integer exponents
// (the GELU cube, squares) are plain multiplications; others go through powf.
napi_value PowScalar(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[4];
  if (!heap_call(env, info, 4, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], n = v[2], e = v[3];
  if (!in_heap(env, len, x, n) || !in_heap(env, len, out, n) || !in_heap(env, len, e, 1)) {
    return nullptr;
  }
  const float p = heap[e];
  const float* a = heap + x;
  float* o = heap + out;
  if (p == 1.f) {
    std::memmove(o, a, n * sizeof(float));
  } else if (p == 2.f) {
    for (int64_t i = 0; i < n; i++) o[i] = a[i] * a[i];
  } else if (p == 3.f) {
    for (int64_t i = 0; i < n; i++) o[i] = a[i] * a[i] * a[i];
  } else if (p == 0.f) {
    for (int64_t i = 0; i < n; i++) o[i] = 1.f;
  } else {
    for (int64_t i = 0; i < n; i++) o[i] = std::pow(a[i], p);
  }
  return nullptr;
}

// tanh(heap, xOff, outOff, n)
napi_value Tanh(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[3];
  if (!heap_call(env, info, 3, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], n = v[2];
  if (!in_heap(env, len, x, n) || !in_heap(env, len, out, n)) return nullptr;
  tanh_loop(heap + x, heap + out, n);
  return nullptr;
}

// GELU, tanh approximation (GPT-2's "gelu_new"): y = x/2 · (1 + tanh(√(2/π)(x + 0.044715 x³))).
constexpr float kGeluC = 0.7978845608028654f;  // √(2/π)
constexpr float kGeluA = 0.044715f;

LOCKPICK_CLONES void gelu_loop(const float* __restrict x, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    const float a = x[i];
    o[i] = 0.5f * a * (1.f + fast_tanh(kGeluC * (a + kGeluA * a * a * a)));
  }
}

LOCKPICK_CLONES void gelu_grad_loop(const float* __restrict dy, const float* __restrict x,
                                    float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    const float a = x[i];
    const float t = fast_tanh(kGeluC * (a + kGeluA * a * a * a));
    const float d =
        0.5f * (1.f + t) + 0.5f * a * (1.f - t * t) * kGeluC * (1.f + 3.f * kGeluA * a * a);
    o[i] = dy[i] * d;
  }
}

// exp(heap, xOff, outOff, n)
napi_value Exp(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[3];
  if (!heap_call(env, info, 3, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], n = v[2];
  if (!in_heap(env, len, x, n) || !in_heap(env, len, out, n)) return nullptr;
  exp_loop(heap + x, heap + out, n);
  return nullptr;
}

// gelu(heap, xOff, outOff, n)
napi_value Gelu(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[3];
  if (!heap_call(env, info, 3, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], n = v[2];
  if (!in_heap(env, len, x, n) || !in_heap(env, len, out, n)) return nullptr;
  gelu_loop(heap + x, heap + out, n);
  return nullptr;
}

// geluGrad(heap, dyOff, xOff, outOff, n): out = dy · gelu'(x).
napi_value GeluGrad(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[4];
  if (!heap_call(env, info, 4, &heap, &len, v)) return nullptr;
  const int64_t dy = v[0], x = v[1], out = v[2], n = v[3];
  if (!in_heap(env, len, dy, n) || !in_heap(env, len, x, n) || !in_heap(env, len, out, n)) {
    return nullptr;
  }
  gelu_grad_loop(heap + dy, heap + x, heap + out, n);
  return nullptr;
}

// Binary elementwise op over an [outer, inner] view of the output. Each operand is indexed by its
// mode: 0 full (o·inner + i), 1 scalar, 2 row (i: repeats for every o), 3 column (o: one value per
// row). That covers the broadcasts of a training step (bias rows, per-row layer-norm statistics,
// scalars) without tfjs-wasm's generic broadcasting loop.
template <typename Op>
void binary_loop(const float* a, int am, const float* b, int bm, float* __restrict o,
                 int64_t outer, int64_t inner, Op op) {
  for (int64_t r = 0; r < outer; r++) {
    const float* ar = am == 0 ? a + r * inner : am == 3 ? a + r : a;
    const float* br = bm == 0 ? b + r * inner : bm == 3 ? b + r : b;
    float* orow = o + r * inner;
    const bool aVec = am == 0 || am == 2;
    const bool bVec = bm == 0 || bm == 2;
    if (aVec && bVec) {
      for (int64_t i = 0; i < inner; i++) orow[i] = op(ar[i], br[i]);
    } else if (aVec) {
      const float y = br[0];
      for (int64_t i = 0; i < inner; i++) orow[i] = op(ar[i], y);
    } else if (bVec) {
      const float x = ar[0];
      for (int64_t i = 0; i < inner; i++) orow[i] = op(x, br[i]);
    } else {
      const float v = op(ar[0], br[0]);
      for (int64_t i = 0; i < inner; i++) orow[i] = v;
    }
  }
}

// binary(heap, op, aOff, aMode, bOff, bMode, outOff, outer, inner); op 0 add, 1 sub, 2 mul, 3 div.
napi_value Binary(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[8];
  size_t argc = 10;
  napi_value argv[10];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc != 9) {
    napi_throw_type_error(env, nullptr, "binary expects 9 arguments");
    return nullptr;
  }
  size_t length = 0;
  if (!heap_arg(env, argv[0], &heap, &length)) return nullptr;
  len = static_cast<int64_t>(length);
  for (int i = 0; i < 8; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return nullptr;
  }
  const int64_t opId = v[0], aOff = v[1], aMode = v[2], bOff = v[3], bMode = v[4], out = v[5],
                outer = v[6], inner = v[7];
  auto extent = [&](int64_t mode) {
    return mode == 0 ? outer * inner : mode == 1 ? 1 : mode == 2 ? inner : outer;
  };
  if (outer < 0 || inner < 0 || aMode < 0 || aMode > 3 || bMode < 0 || bMode > 3 ||
      !in_heap(env, len, aOff, extent(aMode)) || !in_heap(env, len, bOff, extent(bMode)) ||
      !in_heap(env, len, out, outer * inner)) {
    return nullptr;
  }
  const float* a = heap + aOff;
  const float* b = heap + bOff;
  float* o = heap + out;
  const int am = static_cast<int>(aMode), bm = static_cast<int>(bMode);
  switch (opId) {
    case 0: binary_loop(a, am, b, bm, o, outer, inner, [](float x, float y) { return x + y; }); break;
    case 1: binary_loop(a, am, b, bm, o, outer, inner, [](float x, float y) { return x - y; }); break;
    case 2: binary_loop(a, am, b, bm, o, outer, inner, [](float x, float y) { return x * y; }); break;
    case 3: binary_loop(a, am, b, bm, o, outer, inner, [](float x, float y) { return x / y; }); break;
    default: napi_throw_range_error(env, nullptr, "binary: unknown op");
  }
  return nullptr;
}

// LayerNorm row loops on restrict pointers (so they vectorise); float accumulation is exact
// enough for rows of a few hundred.
LOCKPICK_CLONES void layer_norm_rows(const float* __restrict x, const float* __restrict g,
                                     const float* __restrict b, float* __restrict y,
                                     float* __restrict xhat, float* __restrict rstd, int64_t rows,
                                     int64_t d, float eps) {
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * d;
    float sum = 0.f;
    for (int64_t i = 0; i < d; i++) sum += xr[i];
    const float mean = sum / static_cast<float>(d);
    float sq = 0.f;
    for (int64_t i = 0; i < d; i++) sq += (xr[i] - mean) * (xr[i] - mean);
    const float rs = 1.f / std::sqrt(sq / static_cast<float>(d) + eps);
    rstd[r] = rs;
    float* xhr = xhat + r * d;
    float* yr = y + r * d;
    for (int64_t i = 0; i < d; i++) {
      xhr[i] = (xr[i] - mean) * rs;
      yr[i] = xhr[i] * g[i] + b[i];
    }
  }
}

LOCKPICK_CLONES void layer_norm_grad_rows(const float* __restrict dy, const float* __restrict xhat,
                                          const float* __restrict rstd, const float* __restrict g,
                                          float* __restrict dx, float* __restrict dg,
                                          float* __restrict db, int64_t rows, int64_t d) {
  for (int64_t i = 0; i < d; i++) dg[i] = db[i] = 0.f;
  for (int64_t r = 0; r < rows; r++) {
    const float* dyr = dy + r * d;
    const float* xhr = xhat + r * d;
    float* dxr = dx + r * d;
    float m1 = 0.f, m2 = 0.f;
    for (int64_t i = 0; i < d; i++) {
      const float t = dyr[i] * g[i];
      m1 += t;
      m2 += t * xhr[i];
      dg[i] += dyr[i] * xhr[i];
      db[i] += dyr[i];
    }
    const float a = m1 / static_cast<float>(d), c = m2 / static_cast<float>(d);
    const float rs = rstd[r];
    for (int64_t i = 0; i < d; i++) dxr[i] = rs * (dyr[i] * g[i] - a - xhr[i] * c);
  }
}

// layerNorm(heap, xOff, gOff, bOff, yOff, xhatOff, rstdOff, rows, d, eps): per row of x [rows, d]
// x̂ = (x − mean) · rstd, rstd = 1/√(var + eps), y = x̂ · g + b. x̂ and rstd are kept for the
// backward pass.
napi_value LayerNorm(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc != 10) {
    napi_throw_type_error(env, nullptr, "layerNorm expects 10 arguments");
    return nullptr;
  }
  float* heap;
  size_t length = 0;
  if (!heap_arg(env, argv[0], &heap, &length)) return nullptr;
  int64_t v[8];
  for (int i = 0; i < 8; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return nullptr;
  }
  double eps = 0;
  if (!check(env, napi_get_value_double(env, argv[9], &eps), "expected eps")) return nullptr;
  const int64_t len = static_cast<int64_t>(length);
  const int64_t x = v[0], g = v[1], b = v[2], y = v[3], xh = v[4], rs = v[5], rows = v[6],
                d = v[7];
  if (rows < 0 || d <= 0 || !in_heap(env, len, x, rows * d) || !in_heap(env, len, g, d) ||
      !in_heap(env, len, b, d) || !in_heap(env, len, y, rows * d) ||
      !in_heap(env, len, xh, rows * d) || !in_heap(env, len, rs, rows)) {
    return nullptr;
  }
  layer_norm_rows(heap + x, heap + g, heap + b, heap + y, heap + xh, heap + rs, rows, d,
                  static_cast<float>(eps));
  return nullptr;
}

// layerNormGrad(heap, dyOff, xhatOff, rstdOff, gOff, dxOff, dgOff, dbOff, rows, d):
// dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)) with dx̂ = dy · g; dg = Σ dy · x̂; db = Σ dy.
napi_value LayerNormGrad(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc != 10) {
    napi_throw_type_error(env, nullptr, "layerNormGrad expects 10 arguments");
    return nullptr;
  }
  float* heap;
  size_t length = 0;
  if (!heap_arg(env, argv[0], &heap, &length)) return nullptr;
  int64_t v[9];
  for (int i = 0; i < 9; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return nullptr;
  }
  const int64_t len = static_cast<int64_t>(length);
  const int64_t dy = v[0], xh = v[1], rs = v[2], g = v[3], dx = v[4], dg = v[5], db = v[6],
                rows = v[7], d = v[8];
  if (rows < 0 || d <= 0 || !in_heap(env, len, dy, rows * d) ||
      !in_heap(env, len, xh, rows * d) || !in_heap(env, len, rs, rows) ||
      !in_heap(env, len, g, d) || !in_heap(env, len, dx, rows * d) || !in_heap(env, len, dg, d) ||
      !in_heap(env, len, db, d)) {
    return nullptr;
  }
  layer_norm_grad_rows(heap + dy, heap + xh, heap + rs, heap + g, heap + dx, heap + dg, heap + db,
                       rows, d);
  return nullptr;
}

// transpose(heap, xOff, outOff, rank, d0..d5, s0..s5): out (dims d, row-major) gathers x with
// source stride s_k for output axis k (rank ≤ 6; unused axes have d = 1).
napi_value Transpose(napi_env env, napi_callback_info info) {
  size_t argc = 17;
  napi_value argv[17];
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc != 16) {
    napi_throw_type_error(env, nullptr, "transpose expects 16 arguments");
    return nullptr;
  }
  float* heap;
  size_t length = 0;
  if (!heap_arg(env, argv[0], &heap, &length)) return nullptr;
  int64_t v[15];
  for (int i = 0; i < 15; i++) {
    if (!int_arg(env, argv[i + 1], &v[i])) return nullptr;
  }
  const int64_t x = v[0], out = v[1], rank = v[2];
  const int64_t* dims = v + 3;
  const int64_t* st = v + 9;
  if (rank < 1 || rank > 6) {
    napi_throw_range_error(env, nullptr, "transpose: rank must be 1..6");
    return nullptr;
  }
  int64_t total = 1, span = 0;
  for (int k = 0; k < rank; k++) {
    if (dims[k] < 0 || st[k] < 0) {
      napi_throw_range_error(env, nullptr, "transpose: negative size");
      return nullptr;
    }
    total *= dims[k];
    span += (dims[k] > 0 ? dims[k] - 1 : 0) * st[k];
  }
  const int64_t len = static_cast<int64_t>(length);
  if (total == 0) return nullptr;
  if (!in_heap(env, len, x, span + 1) || !in_heap(env, len, out, total)) return nullptr;
  const int r = static_cast<int>(rank);
  const int64_t inner = dims[r - 1], innerStride = st[r - 1];
  int64_t idx[6] = {0, 0, 0, 0, 0, 0};
  for (int64_t o = 0; o < total; o += inner) {
    int64_t base = x;
    for (int k = 0; k < r - 1; k++) base += idx[k] * st[k];
    float* dst = heap + out + o;
    const float* src = heap + base;
    if (innerStride == 1) {
      std::memcpy(dst, src, inner * sizeof(float));
    } else {
      for (int64_t j = 0; j < inner; j++) dst[j] = src[j * innerStride];
    }
    for (int k = r - 2; k >= 0; k--) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
  return nullptr;
}

// softmax(heap, xOff, outOff, rows, n): softmax over the last axis of x [rows, n].
napi_value Softmax(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[4];
  if (!heap_call(env, info, 4, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], rows = v[2], n = v[3];
  if (rows < 0 || n <= 0 || !in_heap(env, len, x, rows * n) || !in_heap(env, len, out, rows * n)) {
    return nullptr;
  }
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = heap + x + r * n;
    float* o = heap + out + r * n;
    float mx = xr[0];
    for (int64_t i = 1; i < n; i++) mx = xr[i] > mx ? xr[i] : mx;
    float sum = 0.f;
    for (int64_t i = 0; i < n; i++) {
      o[i] = fast_exp(xr[i] - mx);
      sum += o[i];
    }
    const float inv = 1.f / sum;
    for (int64_t i = 0; i < n; i++) o[i] *= inv;
  }
  return nullptr;
}

// sumMiddle(heap, xOff, outOff, outer, mid, inner): out[o, i] = sum_r x[o, r, i]. Any sum over
// one contiguous run of axes has this form (leading axes: outer = 1; trailing: inner = 1).
napi_value SumMiddle(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[5];
  if (!heap_call(env, info, 5, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], out = v[1], outer = v[2], mid = v[3], inner = v[4];
  if (outer < 0 || mid < 0 || inner < 0 || !in_heap(env, len, x, outer * mid * inner) ||
      !in_heap(env, len, out, outer * inner)) {
    return nullptr;
  }
  for (int64_t o = 0; o < outer; o++) {
    float* dst = heap + out + o * inner;
    const float* src = heap + x + o * mid * inner;
    if (inner == 1) {
      // Row sums: accumulate in double, 4 lanes, so long reductions keep float32 accuracy.
      double acc[4] = {0, 0, 0, 0};
      int64_t r = 0;
      for (; r + 4 <= mid; r += 4) {
        for (int l = 0; l < 4; l++) acc[l] += src[r + l];
      }
      for (; r < mid; r++) acc[0] += src[r];
      dst[0] = static_cast<float>((acc[0] + acc[1]) + (acc[2] + acc[3]));
      continue;
    }
    for (int64_t i = 0; i < inner; i++) dst[i] = 0.f;
    for (int64_t r = 0; r < mid; r++) {
      const float* row = src + r * inner;
      for (int64_t i = 0; i < inner; i++) dst[i] += row[i];
    }
  }
  return nullptr;
}

// copyBlocks(heap, srcOff, srcStride, dstOff, dstStride, blocks, blockLen): strided row copies
// (split, slice and concat along an axis are all of this form).
napi_value CopyBlocks(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[6];
  if (!heap_call(env, info, 6, &heap, &len, v)) return nullptr;
  const int64_t src = v[0], ss = v[1], dst = v[2], ds = v[3], blocks = v[4], n = v[5];
  if (blocks <= 0 || n <= 0) return nullptr;
  if (ss < 0 || ds < 0 || !in_heap(env, len, src, (blocks - 1) * ss + n) ||
      !in_heap(env, len, dst, (blocks - 1) * ds + n)) {
    return nullptr;
  }
  for (int64_t b = 0; b < blocks; b++) {
    std::memcpy(heap + dst + b * ds, heap + src + b * ss, n * sizeof(float));
  }
  return nullptr;
}

// gatherRows(heap, xOff, rows, rowLen, idxOff, count, outOff): out[i] = x[idx[i]] for int32
// indices stored in the same heap. Returns the first out-of-range index, or -1.
napi_value GatherRows(napi_env env, napi_callback_info info) {
  float* heap;
  int64_t len, v[6];
  if (!heap_call(env, info, 6, &heap, &len, v)) return nullptr;
  const int64_t x = v[0], rows = v[1], rowLen = v[2], idx = v[3], count = v[4], out = v[5];
  napi_value result;
  if (!in_heap(env, len, x, rows * rowLen) || !in_heap(env, len, idx, count) ||
      !in_heap(env, len, out, count * rowLen)) {
    return nullptr;
  }
  const int32_t* ids = reinterpret_cast<const int32_t*>(heap + idx);
  for (int64_t i = 0; i < count; i++) {
    if (ids[i] < 0 || ids[i] >= rows) {
      napi_create_int64(env, ids[i], &result);
      return result;
    }
  }
  for (int64_t i = 0; i < count; i++) {
    std::memcpy(heap + out + i * rowLen, heap + x + ids[i] * rowLen, rowLen * sizeof(float));
  }
  napi_create_int64(env, -1, &result);
  return result;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int64_t n = 1;
  if (!check(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "bad call")) {
    return nullptr;
  }
  if (argc < 1 || !int_arg(env, argv[0], &n)) return nullptr;
  openblas_set_num_threads(static_cast<int>(n < 1 ? 1 : n));
  return nullptr;
}

napi_value Info(napi_env env, napi_callback_info) {
  napi_value obj, threads, config;
  napi_create_object(env, &obj);
  napi_create_int32(env, openblas_get_num_threads(), &threads);
  napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &config);
  napi_set_named_property(env, obj, "threads", threads);
  napi_set_named_property(env, obj, "blas", config);
  return obj;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"powScalar", nullptr, PowScalar, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"exp", nullptr, Exp, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"tanh", nullptr, Tanh, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gelu", nullptr, Gelu, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"geluGrad", nullptr, GeluGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNorm", nullptr, LayerNorm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNormGrad", nullptr, LayerNormGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"transpose", nullptr, Transpose, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmax", nullptr, Softmax, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sumMiddle", nullptr, SumMiddle, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"copyBlocks", nullptr, CopyBlocks, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gatherRows", nullptr, GatherRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE_INIT() { return Init(env, exports); }
