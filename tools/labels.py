"""The words the build tool writes onto pages and notebooks, in each site language (the plots' own
words are in :mod:`tools.plot`: they shape a run's cached output, these do not).

Terms follow ``glossary.tsv`` (learning rate: 学習率 / taxa de aprendizado, ...).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "alt_momentum": " In the middle, the momentum (β1) applied at each step.",
        "column_recipe": "Recipe",
        "column_changes": "What changes the learning rate",
        "column_when": "When it changes",
        "column_situation": "Your situation",
        "column_use": "Use",
        "column_why": "Why",
        "caption": "Learning rate the optimizer applied at every step (top) and the loss per epoch "
                   "(bottom), recorded while this site was built from `{path}`.",
        "alt": "Line chart of the learning rate per training step recorded from {path}: {curves}.{momentum} "
               "At the bottom, training and validation loss per epoch.",
        "curve": "“{model}” goes from {first:.3g} at step {first_step} to {last:.3g} at step {last_step}",
        "curve_flat": "“{model}” stays at {first:.3g} from step {first_step} to step {last_step}",
        "provenance": "Run: TensorFlow {tensorflow} · Keras {keras} · {device} · seed {seed}",
        "no_seed": "not set",
        "and": "; ",
        "notebook_intro": "This notebook is the page “{title}” of the LR Cookbook ({url}), with the outputs of "
                          "the run that built the site. Only what changes from run to run is left out: the times "
                          "Keras prints on each epoch's line and the memory addresses of objects.",
        "notebook_page_intro": "The page [{title}]({recipe}) as a notebook: after each code block comes what it "
                               "printed, warned, raised or drew when the build ran it. Only what changes from run "
                               "to run is left out: the times Keras prints on each epoch's line and the "
                               "memory addresses of objects.",
        "notebook_title": "{title}: the notebook",
        "download_notebook": "Download the notebook (.ipynb)",
        "download_script": "Download the script (.py)",
        "view_notebook": "See the notebook with its outputs",
        "figure_alt": "Figure {number} drawn by snippets/{name}.py during this run",
        "not_built": "This part of the page could not be built",
        "playground_link": "On [the recipe's page]({page}), change this schedule's parameters and see its curve "
                           "redrawn with the float32 arithmetic of Keras.",
    },
    "ja": {
        "alt_momentum": "中段は、各ステップで使われたモメンタム（β1）です。",
        "column_recipe": "レシピ",
        "column_changes": "学習率を変えるもの",
        "column_when": "変わるタイミング",
        "column_situation": "状況",
        "column_use": "使うレシピ",
        "column_why": "理由",
        "caption": "上はオプティマイザが各ステップで実際に適用した学習率、下はエポックごとの損失です。"
                   "どちらも、このサイトのビルド時に `{path}` を実行して記録しました。",
        "alt": "{path} の実行で記録した、学習ステップごとの学習率の折れ線グラフです。{curves}。{momentum}"
               "下段はエポックごとの訓練損失と検証損失です。",
        "curve": "「{model}」はステップ {first_step} の {first:.3g} からステップ {last_step} の {last:.3g} まで推移します",
        "curve_flat": "「{model}」はステップ {first_step} からステップ {last_step} まで {first:.3g} のままです",
        "provenance": "実行環境：TensorFlow {tensorflow}・Keras {keras}・{device}・シード {seed}",
        "no_seed": "なし",
        "and": "。",
        "notebook_intro": "このノートブックは LR Cookbook のページ「{title}」（{url}）に、サイトのビルド時に"
                          "実行した結果を出力として付けたものです。実行のたびに変わるもの（Keras が各エポックの行に表示する"
                          "所要時間と、オブジェクトのメモリ上のアドレス）だけは省いています。",
        "notebook_page_intro": "ページ「[{title}]({recipe})」をノートブックの形にしたものです。各コードブロックの後に、"
                               "サイトのビルド時にそのブロックを実行して得られた出力（表示、警告、例外、図）を載せています。"
                               "実行のたびに変わるもの（Keras が各エポックの行に表示する所要時間と、オブジェクトの"
                               "メモリ上のアドレス）だけは省いています。",
        "notebook_title": "ノートブック：{title}",
        "download_notebook": "ノートブックをダウンロード（.ipynb）",
        "download_script": "スクリプトをダウンロード（.py）",
        "view_notebook": "出力付きのノートブックを見る",
        "figure_alt": "この実行で snippets/{name}.py が描いた図 {number}",
        "not_built": "ページのこの部分を生成できませんでした",
        "playground_link": "[レシピのページ]({page})では、このスケジュールのパラメータを変えて、"
                           "Keras と同じ float32 の演算で描き直される曲線を確かめられます。",
    },
    "pt-BR": {
        "alt_momentum": " No meio, o momentum (β1) aplicado em cada passo.",
        "column_recipe": "Receita",
        "column_changes": "O que muda a taxa de aprendizado",
        "column_when": "Quando ela muda",
        "column_situation": "Sua situação",
        "column_use": "O que usar",
        "column_why": "Por quê",
        "caption": ("O gráfico de cima mostra a taxa de aprendizado que o otimizador aplicou em cada passo, e o "
                    "de baixo, a perda por época, ambas registradas ao executar `{path}` durante a geração deste "
                    "site."),
        "alt": ("Gráfico de linhas da taxa de aprendizado em cada passo de treinamento, registrada ao executar "
                "{path}: {curves}.{momentum} Embaixo, a perda de treinamento e a de validação por época."),
        "curve": "“{model}” vai de {first:.3g} no passo {first_step} a {last:.3g} no passo {last_step}",
        "curve_flat": "“{model}” fica em {first:.3g} do passo {first_step} ao passo {last_step}",
        "provenance": "Execução: TensorFlow {tensorflow} · Keras {keras} · {device} · semente {seed}",
        "no_seed": "não fixada",
        "and": "; ",
        "notebook_intro": "Este notebook é a página “{title}” do LR Cookbook ({url}), com as saídas da execução "
                          "feita quando o site foi gerado. Só ficou de fora o que muda a cada execução: os tempos "
                          "que o Keras mostra na linha de cada época e os endereços de memória dos objetos.",
        "notebook_page_intro": ("A página [{title}]({recipe}) em forma de notebook: depois de cada bloco de código vem "
                               "o que ele imprimiu, os avisos que emitiu, as exceções que lançou e o que "
                               "desenhou quando foi executado na geração do site. Só ficou de fora o que muda "
                               "a cada execução: os "
                               "tempos que o Keras mostra na linha de cada época e os endereços de memória dos "
                               "objetos."),
        "notebook_title": "{title}: o notebook",
        "download_notebook": "Baixar o notebook (.ipynb)",
        "download_script": "Baixar o script (.py)",
        "view_notebook": "Ver o notebook com as saídas",
        "figure_alt": "Figura {number} desenhada por snippets/{name}.py nesta execução",
        "not_built": "Não foi possível gerar esta parte da página",
        "playground_link": "Na [página da receita]({page}), mude os parâmetros deste agendamento e veja a curva "
                           "ser redesenhada com a mesma aritmética em float32 do Keras.",
    },
}


def label(language: str, key: str) -> str:
    """The text for ``key`` in ``language``."""
    return LABELS[language][key]


# The playground's own words (docs/assets/playground.js); {value}, {schedule}, {step}, {rate} are filled in there.
PLAYGROUND_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "locale": "en",
        "intro": "Change a parameter and the curve is redrawn as you type, computed as Keras computes it: "
                 "the same float32 operations in the same order, to within a rounding step or two. It starts at "
                 "the values the model “{model}” trained with, so its first curve is that model's recorded "
                 "curve in the plot above.",
        "steps": "Steps shown",
        "log": "Logarithmic scale",
        "reset": "Back to the recipe's values",
        "chart": "Learning rate of {schedule} at each step",
        "hint": "Point at the curve, or select it and press the arrow keys, to read the rate at a step.",
        "readout": "Step {step}: learning rate {rate}",
        "step": "step",
        "call": "The call for these values:",
        "copy": "Copy the call",
        "copied": "Copied",
        "empty_is_none": "empty: None",
        "need_number": "Type a number.",
        "need_whole": "Type a whole number.",
        "need_list": "Type numbers separated by commas.",
        "need_above": "Must be greater than {value}.",
        "need_at_least": "Must be at least {value}.",
        "need_at_most": "Must be at most {value}.",
        "need_one_more": "values needs exactly one more number than boundaries.",
        "noscript": "The playground needs JavaScript; the plot above shows the curves the run recorded.",
    },
    "ja": {
        "locale": "ja",
        "intro": "パラメータを変えると、入力に合わせて曲線がすぐに描き直されます。計算は Keras と同じで、"
                 "float32 の同じ演算を同じ順序で行うため、差が出ても丸め誤差 1〜2 回分程度です。初期値はモデル"
                 "「{model}」の学習に使った値なので、最初に表示される曲線は、上の図に記録されたそのモデルの"
                 "曲線と同じです。",
        "steps": "表示するステップ数",
        "log": "対数目盛",
        "reset": "レシピの値に戻す",
        "chart": "{schedule} の各ステップの学習率",
        "hint": "曲線にポインタを合わせるか、曲線を選択して矢印キーを押すと、各ステップの学習率を読み取れます。",
        "readout": "ステップ {step}：学習率 {rate}",
        "step": "ステップ",
        "call": "この設定で呼び出すコード：",
        "copy": "コードをコピー",
        "copied": "コピーしました",
        "empty_is_none": "空欄なら None",
        "need_number": "数値を入力してください。",
        "need_whole": "整数を入力してください。",
        "need_list": "数値をカンマ区切りで入力してください。",
        "need_above": "{value} より大きい値にしてください。",
        "need_at_least": "{value} 以上にしてください。",
        "need_at_most": "{value} 以下にしてください。",
        "need_one_more": "values には boundaries よりちょうど 1 個多く数値を入力してください。",
        "noscript": "このプレイグラウンドを使うには JavaScript が必要です。上の図には、実行で記録した曲線が"
                    "表示されています。",
    },
    "pt-BR": {
        "locale": "pt-BR",
        "intro": "Mude um parâmetro e a curva é redesenhada enquanto você digita, com o mesmo cálculo do Keras: "
                 "as mesmas operações em float32, na mesma ordem, com diferença de no máximo um ou dois "
                 "arredondamentos. Os valores iniciais são os usados no treinamento do modelo “{model}”, então a "
                 "primeira curva é a registrada para esse modelo no gráfico acima.",
        "steps": "Passos exibidos",
        "log": "Escala logarítmica",
        "reset": "Voltar aos valores da receita",
        "chart": "Taxa de aprendizado do {schedule} em cada passo",
        "hint": "Passe o ponteiro sobre a curva, ou selecione-a e use as setas do teclado, para ver a taxa "
                "em cada passo.",
        "readout": "Passo {step}: taxa de aprendizado {rate}",
        "step": "passo",
        "call": "A chamada com estes valores:",
        "copy": "Copiar a chamada",
        "copied": "Copiada",
        "empty_is_none": "vazio: None",
        "need_number": "Digite um número, com ponto decimal (como no Python: 0.05).",
        "need_whole": "Digite um número inteiro.",
        "need_list": "Digite números separados por vírgulas, com ponto decimal (ex.: 0.01, 0.003).",
        "need_above": "Precisa ser maior que {value}.",
        "need_at_least": "Precisa ser no mínimo {value}.",
        "need_at_most": "Precisa ser no máximo {value}.",
        "need_one_more": "values precisa ter exatamente um número a mais que boundaries.",
        "noscript": "O simulador interativo precisa de JavaScript; o gráfico acima mostra as curvas que a "
                    "execução registrou.",
    },
}

# One line of help under each parameter of the playground, by name, or by "Schedule.name" where a
# schedule gives the name its own meaning. API names stay in English.
PLAYGROUND_HELP: dict[str, dict[str, str]] = {
    "en": {
        "initial_learning_rate": "The rate at step 0.",
        "CosineDecay.initial_learning_rate": "Where the warmup starts; with warmup_target empty, the rate at step 0, "
                                             "where the cosine starts.",
        "decay_steps": "Every decay_steps steps the rate is multiplied by decay_rate once more.",
        "InverseTimeDecay.decay_steps": "Every decay_steps steps, decay_rate is added to the denominator.",
        "PolynomialDecay.decay_steps": "The steps it takes to reach end_learning_rate.",
        "CosineDecay.decay_steps": "The length of the cosine, in steps.",
        "decay_rate": "The factor applied over each decay_steps steps.",
        "InverseTimeDecay.decay_rate": "How fast the denominator 1 + decay_rate · step / decay_steps grows.",
        "staircase": "Change the rate only at whole multiples of decay_steps.",
        "boundaries": "The steps after which the next value applies, separated by commas.",
        "values": "The rate up to the first boundary, then after each one: one more than boundaries.",
        "end_learning_rate": "The rate reached at decay_steps.",
        "power": "The exponent of the decay: 1 is a straight line.",
        "cycle": "After decay_steps, stretch the decay to the next multiple of decay_steps (the rate jumps up) "
                 "instead of staying at end_learning_rate.",
        "alpha": "The floor, as a fraction of the rate the cosine starts from.",
        "CosineDecayRestarts.alpha": "The floor, as a fraction of initial_learning_rate.",
        "warmup_target": "The rate the cosine starts from, reached by a linear warmup over warmup_steps; "
                         "empty: the cosine starts from initial_learning_rate, with no warmup.",
        "warmup_steps": "The length of the warmup, in steps; ignored when warmup_target is empty.",
        "first_decay_steps": "The length of the first cosine, in steps.",
        "t_mul": "Each period is t_mul times as long as the one before.",
        "m_mul": "Each restart's cosine rises m_mul times as far above the floor as the one before "
                 "(with alpha 0, it peaks m_mul times as high).",
        "learning_rate": "The rate at the end of the warmup.",
        "WarmupStableDecay.learning_rate": "The peak, held through the stable phase.",
        "num_warmup_steps": "The length of the warmup, in steps.",
        "timescale": "How slowly the rate falls after the warmup; empty: num_warmup_steps, or 10,000 if that is 0.",
        "max_lr": "The peak of the cycle.",
        "CyclicLR.max_lr": "The top of the first cycle with triangular or triangular2; with exp_range, the top "
                           "before the scaling by gamma.",
        "total_steps": "The length of the whole cycle; after it the rate stays at its last value.",
        "pct_start": "The fraction of total_steps spent rising.",
        "anneal_strategy": "The shape of each phase: half a cosine or a straight line.",
        "div_factor": "The cycle starts at max_lr / div_factor.",
        "final_div_factor": "It ends at the starting rate / final_div_factor.",
        "three_phase": "Come back down to the starting rate, as long as the rise took, before the final descent.",
        "num_stable_steps": "The steps held at the peak.",
        "num_decay_steps": "The length of the cooldown, in steps.",
        "warmup_type": "The shape of the warmup.",
        "decay_type": "The shape of the cooldown.",
        "min_lr_ratio": "Where the warmup starts and the cooldown ends, as a fraction of learning_rate.",
        "base_lr": "The bottom of each cycle.",
        "step_size_up": "The steps from the bottom to the top.",
        "step_size_down": "The steps from the top back to the bottom; empty: step_size_up.",
        "mode": "triangular: every cycle as high; triangular2: half as high each cycle; "
                "exp_range: the height multiplied by gamma once per step.",
        "gamma": "Used by exp_range only.",
    },
    "ja": {
        "initial_learning_rate": "ステップ 0 での学習率。",
        "CosineDecay.initial_learning_rate": "ウォームアップの開始値。warmup_target が空欄なら、コサインが始まる"
                                             "ステップ 0 での学習率。",
        "decay_steps": "decay_steps ステップごとに、学習率がさらに decay_rate 倍になる。",
        "InverseTimeDecay.decay_steps": "decay_steps ステップごとに、分母に decay_rate が加わる。",
        "PolynomialDecay.decay_steps": "end_learning_rate に達するまでのステップ数。",
        "CosineDecay.decay_steps": "コサイン曲線の長さ（ステップ数）。",
        "decay_rate": "decay_steps ステップごとに掛ける倍率。",
        "InverseTimeDecay.decay_rate": "分母 1 + decay_rate · step / decay_steps が大きくなる速さ。",
        "staircase": "decay_steps の整数倍のステップでだけ学習率を変える。",
        "boundaries": "指定したステップを過ぎるごとに次の値に切り替わる（カンマ区切り）。",
        "values": "最初の境界までの学習率と、各境界を過ぎた後の学習率。boundaries より 1 個多い。",
        "end_learning_rate": "ステップ decay_steps で到達する学習率。",
        "power": "減衰の指数。1 なら直線。",
        "cycle": "decay_steps を過ぎたら、end_learning_rate にとどまらず、減衰を decay_steps の次の倍数まで"
                 "引き伸ばす（学習率は跳ね上がる）。",
        "alpha": "下限値。コサインが始まる学習率に対する割合。",
        "CosineDecayRestarts.alpha": "下限値。initial_learning_rate に対する割合。",
        "warmup_target": "コサインが始まる学習率。warmup_steps ステップの線形ウォームアップでこの値に達する。"
                         "空欄ならウォームアップはなく、コサインは initial_learning_rate から始まる。",
        "warmup_steps": "ウォームアップの長さ（ステップ数）。warmup_target が空欄なら使われない。",
        "first_decay_steps": "最初のコサイン曲線の長さ（ステップ数）。",
        "t_mul": "各周期の長さは直前の周期の t_mul 倍。",
        "m_mul": "リスタートのたびに、下限値から測ったコサインの高さが直前の m_mul 倍になる（alpha が 0 なら、"
                 "ピークの値も m_mul 倍）。",
        "learning_rate": "ウォームアップ終了時の学習率。",
        "WarmupStableDecay.learning_rate": "ピークの学習率。定常段階の間この値を保つ。",
        "num_warmup_steps": "ウォームアップの長さ（ステップ数）。",
        "timescale": "大きいほど、ウォームアップ後の学習率がゆっくり下がる。空欄なら num_warmup_steps"
                     "（それが 0 なら 10,000）。",
        "max_lr": "サイクルのピークの学習率。",
        "CyclicLR.max_lr": "triangular と triangular2 では最初のサイクルの最高値。exp_range では gamma を掛ける"
                           "前の最高値。",
        "total_steps": "サイクル全体の長さ。その後は学習率が最後の値のまま変わらない。",
        "pct_start": "total_steps のうち上昇に充てる割合。",
        "anneal_strategy": "各フェーズの形。コサインの半周期か直線。",
        "div_factor": "サイクルは max_lr / div_factor から始まる。",
        "final_div_factor": "開始時の学習率を final_div_factor で割った値でサイクルが終わる。",
        "three_phase": "最後の降下の前に、上昇と同じステップ数をかけて開始時の学習率まで戻す。",
        "num_stable_steps": "ピークを保つステップ数。",
        "num_decay_steps": "クールダウンの長さ（ステップ数）。",
        "warmup_type": "ウォームアップの形。",
        "decay_type": "クールダウンの形。",
        "min_lr_ratio": "ウォームアップの開始値とクールダウンの終了値。learning_rate に対する割合で指定。",
        "base_lr": "各サイクルの最低値。",
        "step_size_up": "最低値から最高値までのステップ数。",
        "step_size_down": "最高値から最低値に戻るまでのステップ数。空欄なら step_size_up。",
        "mode": "triangular：どのサイクルも同じ高さ。triangular2：サイクルごとに高さが半分になる。"
                "exp_range：1 ステップごとに高さに gamma を掛ける。",
        "gamma": "exp_range でのみ使う。",
    },
    "pt-BR": {
        "initial_learning_rate": "A taxa de aprendizado no passo 0.",
        "CosineDecay.initial_learning_rate": "Onde começa o aquecimento; com warmup_target vazio, a taxa de "
                                             "aprendizado no passo 0, de onde o cosseno parte.",
        "decay_steps": "A cada decay_steps passos, a taxa é multiplicada por decay_rate mais uma vez.",
        "InverseTimeDecay.decay_steps": "A cada decay_steps passos, decay_rate é somado ao denominador.",
        "PolynomialDecay.decay_steps": "Quantos passos a taxa leva para chegar a end_learning_rate.",
        "CosineDecay.decay_steps": "A duração do cosseno, em passos.",
        "decay_rate": "O fator aplicado a cada decay_steps passos.",
        "InverseTimeDecay.decay_rate": "A rapidez com que cresce o denominador 1 + decay_rate · step / decay_steps.",
        "staircase": "Mudar a taxa só nos múltiplos inteiros de decay_steps.",
        "boundaries": "Os passos depois dos quais se usa o próximo valor, separados por vírgulas.",
        "values": "A taxa até o primeiro limite e depois de cada um deles, com ponto decimal: um número a mais "
                  "que em boundaries.",
        "end_learning_rate": "A taxa alcançada no passo decay_steps.",
        "power": "O expoente do decaimento: 1 dá uma linha reta.",
        "cycle": "Depois de decay_steps, estender o decaimento até o próximo múltiplo de decay_steps (a taxa dá "
                 "um salto para cima) em vez de ficar em end_learning_rate.",
        "alpha": "O piso, como fração da taxa de onde o cosseno parte.",
        "CosineDecayRestarts.alpha": "O piso, como fração de initial_learning_rate.",
        "warmup_target": "A taxa de onde o cosseno parte, atingida por um aquecimento linear ao longo de "
                         "warmup_steps passos; se vazio, o cosseno parte de initial_learning_rate, sem aquecimento.",
        "warmup_steps": "A duração do aquecimento, em passos; não tem efeito se warmup_target estiver vazio.",
        "first_decay_steps": "A duração do primeiro cosseno, em passos.",
        "t_mul": "Cada período dura t_mul vezes o anterior.",
        "m_mul": "A altura do cosseno de cada reinício acima do piso é m_mul vezes a do anterior "
                 "(com alpha igual a 0, o pico é m_mul vezes o do anterior).",
        "learning_rate": "A taxa ao fim do aquecimento.",
        "WarmupStableDecay.learning_rate": "O pico, mantido durante toda a fase estável.",
        "num_warmup_steps": "A duração do aquecimento, em passos.",
        "timescale": "Quanto maior, mais devagar a taxa cai depois do aquecimento; se vazio, num_warmup_steps "
                     "(ou 10.000, caso seja 0).",
        "max_lr": "O pico do ciclo.",
        "CyclicLR.max_lr": "O ponto mais alto do primeiro ciclo com triangular ou triangular2; com exp_range, o "
                           "ponto mais alto antes da multiplicação por gamma.",
        "total_steps": "A duração do ciclo inteiro; depois dele, a taxa fica no último valor.",
        "pct_start": "A fração de total_steps dedicada à subida.",
        "anneal_strategy": "A forma de cada fase: meio período de cosseno ou uma linha reta.",
        "div_factor": "O ciclo começa em max_lr / div_factor.",
        "final_div_factor": "O ciclo termina na taxa inicial dividida por final_div_factor.",
        "three_phase": "Voltar à taxa inicial, no mesmo número de passos da subida, antes da descida final.",
        "num_stable_steps": "Quantos passos a taxa fica no pico.",
        "num_decay_steps": "A duração da fase final de decaimento (cooldown), em passos.",
        "warmup_type": "A forma do aquecimento.",
        "decay_type": "A forma da fase final de decaimento.",
        "min_lr_ratio": "Onde o aquecimento começa e a fase final de decaimento termina, como fração de learning_rate.",
        "base_lr": "O ponto mais baixo de cada ciclo.",
        "step_size_up": "Os passos do ponto mais baixo ao mais alto.",
        "step_size_down": "Os passos do ponto mais alto de volta ao mais baixo; se vazio, step_size_up.",
        "mode": "triangular: todos os ciclos com a mesma altura; triangular2: a altura cai pela metade a cada ciclo; "
                "exp_range: a altura é multiplicada por gamma a cada passo.",
        "gamma": "Só é usado em exp_range.",
    },
}

# The comparison page's generated parts (tools/comparison.py): table, verdict, plots.
COMPARISON_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "with_warmup": " + warmup",
        "momentum": " (momentum {value})",
        "technique": "Technique",
        "accuracy": "Final validation accuracy (%), mean ± sd",
        "interval": "95 % interval of the mean accuracy",
        "loss": "Final validation loss, mean ± sd",
        "loss_interval": "95 % interval of the mean loss",
        "steps": "Steps to {target} % accuracy: median of the seeds (seeds that got there)",
        "seconds": "Training time (s), mean ± sd",
        "versus": "Accuracy minus the baseline's (points) [95 % interval]",
        "never": "never ({reached}/{count})",
        "baseline": "baseline",
        "and": ", ",
        "none": "none",
        "verdict": "The best mean accuracy of the {count} techniques is {best}'s. Within the noise of it "
                   "(Welch's t-test on the five final accuracies, p ≥ 0.05) are {tied_count}: {tied}. "
                   "Against the baseline {baseline}, better beyond the noise: {better}; worse beyond the "
                   "noise: {worse}; the other {same_count} cannot be told apart from it with five seeds. "
                   "On the final validation loss, lower than the baseline's beyond the noise: {lower}; "
                   "higher beyond the noise, {higher_count}: {higher}.",
        "task_code": "The task, the budget and the seeds",
        "keras_schedules": "Schedules Keras ships",
        "other_schedules": "Schedules from other frameworks",
        "callbacks": "Callbacks",
        "optimizers": "Optimizers without a schedule",
        "epoch": "epoch",
        "val_accuracy": "validation accuracy",
        "step": "step",
        "curves_alt": "Four panels of line charts: the mean validation accuracy per epoch over five seeds, with a "
                      "band of one standard deviation, for the schedules Keras ships, the schedules from other "
                      "frameworks, the callbacks and the optimizers; the baseline, Adam at 0.001, dashed in each.",
        "curves_caption": "Mean validation accuracy per epoch of the five seeds (band: ± one standard deviation), "
                          "recorded while this site was built; the dashed line is the baseline.",
        "rates_alt": "Small line charts, one per technique: the learning rate applied at each of the 255 steps.",
        "rates_caption": "The learning rate each technique applied at every step, recorded in the same runs "
                         "(one line per seed where the seeds' rates differ).",
    },
    "ja": {
        "with_warmup": "（ウォームアップ付き）",
        "momentum": "（モメンタム {value}）",
        "technique": "手法",
        "accuracy": "最終的な検証精度（%）：平均 ± 標準偏差",
        "interval": "平均精度の 95% 信頼区間",
        "loss": "最終的な検証損失：平均 ± 標準偏差",
        "loss_interval": "平均損失の 95% 信頼区間",
        "steps": "精度 {target}% に達するまでのステップ数：シードの中央値（到達したシード数）",
        "seconds": "学習時間（秒）：平均 ± 標準偏差",
        "versus": "ベースラインに対する精度の差（ポイント）［95% 信頼区間］",
        "never": "未到達 ({reached}/{count})",
        "baseline": "ベースライン",
        "and": "、",
        "none": "なし",
        "verdict": "{count} 手法のうち、平均精度が最も高いのは {best} です。これとの差がノイズの範囲内にあるもの"
                   "（5 回分の最終精度に対するウェルチの t 検定で p ≥ 0.05、{tied_count} 手法）：{tied}。"
                   "ベースライン（{baseline}）との比較では、ノイズの範囲を超えて精度が高いもの：{better}。"
                   "ノイズの範囲を超えて低いもの：{worse}。"
                   "残りの {same_count} 手法は、5 シードではベースラインと区別できません。"
                   "最終的な検証損失では、ノイズの範囲を超えてベースラインより低いもの：{lower}。"
                   "ノイズの範囲を超えて高いもの（{higher_count} 手法）：{higher}。",
        "task_code": "タスク、学習の長さ、シード",
        "keras_schedules": "Keras の組み込みスケジュール",
        "other_schedules": "ほかのフレームワーク由来のスケジュール",
        "callbacks": "コールバック",
        "optimizers": "スケジュールを使わないオプティマイザ",
        "epoch": "エポック",
        "val_accuracy": "検証精度",
        "step": "ステップ",
        "curves_alt": "4 つのパネルからなる折れ線グラフです。Keras の組み込みスケジュール、ほかのフレームワーク由来の"
                      "スケジュール、コールバック、オプティマイザのそれぞれについて、検証精度の 5 シード平均を"
                      "エポックごとに示し、± 標準偏差の範囲を帯で表しています。各パネルの破線はベースライン"
                      "（学習率 0.001 の Adam）です。",
        "curves_caption": "このサイトのビルド時に記録した、エポックごとの検証精度の 5 シード平均です。"
                          "帯は ± 標準偏差の範囲、破線はベースラインを表します。",
        "rates_alt": "手法ごとに 1 つずつ並べた小さな折れ線グラフです。255 ステップの各ステップで適用された学習率を"
                     "示しています。",
        "rates_caption": "各手法が各ステップで適用した学習率です。上と同じ実行の中で記録しました"
                         "（シードによって学習率が異なる手法は、シードごとに 1 本の線で示しています）。",
    },
    "pt-BR": {
        "with_warmup": " + aquecimento",
        "momentum": " (momentum {value})",
        "technique": "Técnica",
        "accuracy": "Acurácia final de validação (%), média ± dp",
        "interval": "Intervalo de confiança de 95% da acurácia média",
        "loss": "Perda final de validação, média ± dp",
        "loss_interval": "Intervalo de confiança de 95% da perda média",
        "steps": "Passos até {target}% de acurácia: mediana das sementes (sementes que chegaram lá)",
        "seconds": "Tempo de treinamento (s), média ± dp",
        "versus": "Diferença de acurácia em relação à referência (pontos percentuais) "
                  "[intervalo de confiança de 95%]",
        "never": "nunca ({reached}/{count})",
        "baseline": "referência",
        "and": "; ",
        "none": "nenhuma",
        "verdict": "A melhor acurácia média entre as {count} técnicas é a do {best}. Técnicas cuja diferença "
                   "para ela fica dentro do ruído ({tied_count} ao todo; teste t de Welch sobre as cinco "
                   "acurácias finais, p ≥ 0,05): {tied}. Melhores que a referência ({baseline}), com diferença acima do "
                   "ruído: {better}. Piores, com diferença acima do ruído: {worse}. As demais ({same_count}) não "
                   "se distinguem da referência com cinco sementes. Com perda final de validação menor que a da "
                   "referência, com diferença acima do ruído: {lower}. Com perda maior, também com diferença acima "
                   "do ruído ({higher_count} ao todo): {higher}.",
        "task_code": "A tarefa, o orçamento e as sementes",
        "keras_schedules": "Agendamentos nativos do Keras",
        "other_schedules": "Agendamentos de outros frameworks",
        "callbacks": "Callbacks",
        "optimizers": "Otimizadores sem agendamento",
        "epoch": "época",
        "val_accuracy": "acurácia de validação",
        "step": "passo",
        "curves_alt": "Quatro painéis de gráficos de linhas: a acurácia de validação por época, média das cinco "
                      "sementes, com uma faixa de um desvio padrão, para os agendamentos nativos do Keras, os de "
                      "outros frameworks, os callbacks e os otimizadores; em cada painel, a referência, Adam com "
                      "0,001, aparece tracejada.",
        "curves_caption": "Os painéis mostram a acurácia de validação por época, na média das cinco sementes "
                          "(faixa: ± um desvio padrão), registrada durante a geração deste site; a linha tracejada "
                          "é a referência.",
        "rates_alt": "Pequenos gráficos de linhas, um por técnica: a taxa de aprendizado aplicada em cada um dos "
                     "255 passos.",
        "rates_caption": "Os gráficos mostram a taxa de aprendizado que cada técnica aplicou em cada passo, "
                         "registrada nas mesmas execuções (uma linha por semente quando as taxas variam de uma "
                         "semente para outra).",
    },
}
