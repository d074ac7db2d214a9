// A port of "PyTorch: Control Flow + Weight Sharing" from PyTorch's "Learning PyTorch with Examples":
// DynamicNet, a third-order polynomial whose forward adds a random number (0, 1 or 2) of extra terms
// e·x⁴, e·x⁵ that all share the one parameter e, trained with SGD and momentum on a summed MSE loss.
// The tutorial draws the parameters with torch.randn and the number of terms with random.randint(4, 6)
// at each forward; here the parameters are literals and the draw is a fixed sequence (4 + the call count
// times 7, mod 3). It fits 200 points for 300 steps instead of 2,000 points for 30,000 steps (lr scaled
// up by 10). PyTorch's `model(x)` is model.forward(x) and its class nn.Parameter a function here.
// torch 1.13's zero_grad() sets gradients to zeros, so SGD's momentum still moves e on a step whose
// forward left e out; Gradlens's zeroGrad() sets them to null (torch 2's default), so the port asks for
// zeroGrad({ setToNone: false }). dynamic-net.py is the same program in PyTorch.
import { linspace, nn, optim, tensor, type Tensor } from 'gradlens';

class DynamicNet extends nn.Module {
  a = nn.Parameter(tensor(0.1));
  b = nn.Parameter(tensor(0.8));
  c = nn.Parameter(tensor(-0.05));
  d = nn.Parameter(tensor(-0.08));
  e = nn.Parameter(tensor(0.001));
  calls = 0;

  /** random.randint(4, 6) made a fixed sequence: 4, 5, 6, 4, ... shuffled by the factor 7. */
  nextDraw(): number {
    this.calls++;
    return 4 + ((this.calls * 7) % 3);
  }

  override forward(x: Tensor): Tensor {
    let y = this.a.add(this.b.mul(x)).add(this.c.mul(x.pow(2))).add(this.d.mul(x.pow(3)));
    const end = this.nextDraw(); // range(4, randint(4, 6)) draws once
    for (let exp = 4; exp < end; exp++) {
      y = y.add(this.e.mul(x.pow(exp)));
    }
    return y;
  }

  string(): string {
    return `y = ${this.a.item()} + ${this.b.item()} x + ${this.c.item()} x^2 + ${this.d.item()} x^3 + ${this.e.item()} x^4 ? + ${this.e.item()} x^5 ?`;
  }
}

const x = linspace(-Math.PI, Math.PI, 200);
const y = x.sin();

const model = new DynamicNet();
const criterion = new nn.MSELoss({ reduction: 'sum' });
const optimizer = new optim.SGD(model.parameters(), { lr: 1e-7, momentum: 0.9 });
for (let t = 0; t < 300; t++) {
  const yPred = model.forward(x);
  const loss = criterion.forward(yPred, y);
  if (t % 100 === 99) console.log(t, loss.item(), yPred.gradFn!.name);
  optimizer.zeroGrad({ setToNone: false }); // torch 1.13's zero_grad(): zeros, so momentum still moves e
  loss.backward();
  optimizer.step();
}
console.log('calls', model.calls);
console.log(`Result: ${model.string()}`);
