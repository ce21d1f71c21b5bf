"""Weekly indicators, as counts: per district (实名制更新率 …) and per project
(一金三制, 8个100%).
"""
