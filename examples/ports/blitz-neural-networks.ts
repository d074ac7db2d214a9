// A port of "Neural Networks" (PyTorch tutorials, Deep Learning with PyTorch: A 60 Minute Blitz): a
// LeNet-style net of two convolutions with max pooling, then fully connected layers; its loss
// against a target with nn.MSELoss, the loss's grad_fn and next_functions, conv1's bias gradient
// before and after backward, and one SGD step. The tutorial's net takes a 32×32 image into 6 and 16
// channels with randomly drawn weights; this port takes a 12×12 image into 2 and 4 channels, with a
// batch norm after the second convolution (as the CIFAR-10 variants add), and every weight from a
// formula. blitz-neural-networks.py beside it is the same program in PyTorch.
import { F, nn, optim, arange, noGrad, type Tensor } from 'gradlens';

/** A deterministic stand-in for torch.randn: values in [-0.5, 0.5) from a formula. */
function filled(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return arange(n).mul(0.7 + seed * 0.13).add(seed).sin().mul(0.5).reshape(shape);
}

class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 2, 3);
  conv2 = new nn.Conv2d(2, 4, 2);
  bn = new nn.BatchNorm2d(4);
  fc1 = new nn.Linear(4 * 2 * 2, 8);
  fc2 = new nn.Linear(8, 4);

  forward(x: Tensor): Tensor {
    let h = F.maxPool2d(F.relu(this.conv1.forward(x)), [2, 2]);
    h = F.maxPool2d(F.relu(this.bn.forward(this.conv2.forward(h))), 2);
    h = h.flatten(1);
    h = F.relu(this.fc1.forward(h));
    return this.fc2.forward(h);
  }
}

const net = new Net();
noGrad(() => {
  net.parameters().forEach((p, i) => p.copy_(filled(p.shape as number[], i + 1)));
});
console.log(String(net.conv1));
console.log(String(net.bn));
console.log('parameters', net.parameters().length, JSON.stringify(net.conv1.weight.shape));

const input = filled([2, 1, 12, 12], 11);
const out = net.forward(input);
console.log('out', JSON.stringify(out.tolist()));

const target = filled([2, 4], 12);
const criterion = new nn.MSELoss();
const loss = criterion.forward(out, target);
console.log('loss', loss.item(), loss.gradFn!.name);
console.log('next', loss.gradFn!.nextFunctions[0][0]!.name, loss.gradFn!.nextFunctions[0][0]!.nextFunctions[0][0]!.name);

net.zeroGrad();
console.log('conv1.bias.grad before backward', JSON.stringify(net.conv1.bias!.grad));
loss.backward();
console.log('conv1.bias.grad after backward', JSON.stringify(net.conv1.bias!.grad!.tolist()));

const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
optimizer.zeroGrad();
const loss2 = criterion.forward(net.forward(input), target);
loss2.backward();
optimizer.step();
console.log('after a step', criterion.forward(net.forward(input), target).item());
console.log('running mean', JSON.stringify(net.bn.runningMean!.tolist()));
