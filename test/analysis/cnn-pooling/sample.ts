import { tensor, nn, F } from 'gradlens';

// a tiny CNN: conv2d -> relu -> max pool -> flatten -> linear, literal inputs and weights
const x = tensor([
  0.2, -0.5, 1.1, 0.0, 0.7, -1.3,
  0.9, 0.4, -0.2, 1.5, -0.8, 0.3,
  -1.0, 0.6, 0.8, -0.4, 0.1, 1.2,
  0.5, -0.9, 0.3, 0.7, -0.6, 0.4,
  1.3, 0.2, -1.1, 0.6, 0.9, -0.2,
  -0.3, 0.8, 0.5, -0.7, 0.2, 1.0,
]).reshape([1, 1, 6, 6]);
const kernel = tensor([
  0.3, -0.2, 0.5, 0.1, 0.4, -0.3, -0.1, 0.2, 0.6,
  -0.4, 0.3, 0.2, 0.5, -0.6, 0.1, 0.2, 0.1, -0.3,
]).reshape([2, 1, 3, 3]).requiresGrad_();
const bias = tensor([0.05, -0.1], { requiresGrad: true });
const fc = tensor([
  0.1, -0.2, 0.3, 0.05, -0.1, 0.2, 0.15, -0.05, 0.25, -0.3, 0.1, 0.2, -0.15, 0.05, 0.3, -0.2, 0.1, 0.0,
  -0.1, 0.3, 0.05, 0.2, -0.25, 0.1, 0.0, 0.15, -0.2, 0.1, 0.3, -0.05, 0.2, -0.1, 0.05, 0.25, -0.3, 0.1,
]).reshape([2, 18]).requiresGrad_();

const conv = F.conv2d(x, kernel, bias, 1, 1);
const act = conv.relu();
const pool = new nn.MaxPool2d(2);
const pooled = pool.forward(act);
const flat = pooled.flatten(1);
const logits = F.linear(flat, fc);
const smooth = F.adaptiveAvgPool2d(F.elu(conv, 0.5), [2, 3]);
const avg = F.avgPool2d(F.hardtanh(conv, -0.5, 0.5), 3, 2, 1);
const loss = F.crossEntropy(logits, tensor([1], { dtype: 'int64' })).add(smooth.sum()).add(avg.mean());
loss.backward();
