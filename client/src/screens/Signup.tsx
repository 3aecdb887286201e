// Placeholder: replaced by the screen itself.
export default function Signup() {
  return <div class="card narrow">Signup</div>;
}
