# Shell commands for the Scaling out chapter (docs/scaling-out.md).
# The page shows them; the tests run the DDP script itself with the command on its first line.

# --8<-- [start:torchrun_standalone]
# One machine, four processes:
torchrun --standalone --nproc_per_node=4 train.py
# One machine, one process per GPU, however many GPUs it has:
torchrun --standalone --nproc_per_node=gpu train.py
# --8<-- [end:torchrun_standalone]

# --8<-- [start:torchrun_multi_node]
# The same command on each of two machines with four GPUs each (eight processes in all).
# 10.0.0.1:29400 is a free port on one of the machines that both can reach.
torchrun --nnodes=2 --nproc_per_node=4 --rdzv_id=run42 --rdzv_backend=c10d --rdzv_endpoint=10.0.0.1:29400 train.py
# --8<-- [end:torchrun_multi_node]

# --8<-- [start:torchrun_ddp_train]
torchrun --standalone --nproc_per_node=2 ddp_train.py
# --8<-- [end:torchrun_ddp_train]
