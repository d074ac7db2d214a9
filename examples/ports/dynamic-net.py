# "PyTorch: Control Flow + Weight Sharing" (Learning PyTorch with Examples), as dynamic-net.ts ports it.
import math
import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.tensor(0.1))
        self.b = torch.nn.Parameter(torch.tensor(0.8))
        self.c = torch.nn.Parameter(torch.tensor(-0.05))
        self.d = torch.nn.Parameter(torch.tensor(-0.08))
        self.e = torch.nn.Parameter(torch.tensor(0.001))
        self.calls = 0

    def next_draw(self):
        self.calls += 1
        return 4 + (self.calls * 7) % 3

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, self.next_draw()):
            y = y + self.e * x ** exp
        return y

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3 + {self.e.item()} x^4 ? + {self.e.item()} x^5 ?'


x = torch.linspace(-math.pi, math.pi, 200)
y = torch.sin(x)

model = DynamicNet()
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-7, momentum=0.9)
for t in range(300):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item(), type(y_pred.grad_fn).__name__)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print('calls', model.calls)
print(f'Result: {model.string()}')
